package dev.microservice.runtime.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The OTLP span exporter the settings ask for: http/protobuf through the JDK's HttpClient, grpc
 * through grpc-java (the runtime's own gRPC); no OkHttp.
 */
final class SpanExporters {
  private SpanExporters() {}

  static SpanExporter otlp(TracingSettings settings) {
    if (settings.protocol().equals("grpc")) {
      OtlpGrpcSpanExporterBuilder grpc = OtlpGrpcSpanExporter.builder()
          .setEndpoint(settings.endpoint())
          .setTimeout(settings.timeout())
          .setCompression(settings.compression());
      settings.headers().forEach(grpc::addHeader);
      return grpc.build();
    }
    OtlpHttpSpanExporterBuilder http = OtlpHttpSpanExporter.builder()
        .setEndpoint(settings.endpoint())
        .setTimeout(settings.timeout())
        .setCompression(settings.compression());
    settings.headers().forEach(http::addHeader);
    return http.build();
  }
}
