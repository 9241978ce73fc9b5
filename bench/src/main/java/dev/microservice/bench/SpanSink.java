package dev.microservice.bench;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** An in-process OTLP/gRPC trace receiver that decodes each export (as a collector would) and counts the spans. */
final class SpanSink implements AutoCloseable {
  private final AtomicLong spans = new AtomicLong();
  private final Server server;

  SpanSink() throws IOException {
    MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> export =
        MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
            .setRequestMarshaller(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
            .build();
    ServerServiceDefinition service = ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
        .addMethod(export, ServerCalls.asyncUnaryCall((request, response) -> {
          for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
              spans.addAndGet(ss.getSpansCount());
            }
          }
          response.onNext(ExportTraceServiceResponse.getDefaultInstance());
          response.onCompleted();
        }))
        .build();
    server = NettyServerBuilder.forPort(0).addService(service).build().start();
  }

  /** @return the runtime's environment for tracing on: export here, sample everything */
  java.util.Map<String, String> env() {
    return java.util.Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getPort(),
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_TRACES_SAMPLER", "always_on");
  }

  /** @return the spans received so far */
  long spans() {
    return spans.get();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
