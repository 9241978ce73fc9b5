package dev.microservice.runtime;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real OTLP/gRPC trace receiver for tests: serves {@code opentelemetry.proto.collector.trace.v1.TraceService/Export},
 * decodes the requests with the official opentelemetry-proto classes and keeps every span.
 */
public final class OtlpReceiver implements AutoCloseable {
  static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT =
      MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
          .setRequestMarshaller(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
          .build();

  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final Server server;

  /** One span as exported, with its resource's attributes. */
  public record Received(Span span, Map<String, Object> resource) {
    public String traceId() {
      return HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }

    public String spanId() {
      return HexFormat.of().formatHex(span.getSpanId().toByteArray());
    }

    public String parentSpanId() {
      return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
    }

    public Map<String, Object> attributes() {
      return OtlpReceiver.attributes(span.getAttributesList());
    }

    public Object attribute(String key) {
      return attributes().get(key);
    }
  }

  public OtlpReceiver() {
    ServerServiceDefinition service = ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
        .addMethod(EXPORT, ServerCalls.asyncUnaryCall((request, response) -> {
          for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
              ss.getSpansList().forEach(s -> spans.add(new Received(s, resource)));
            }
          }
          response.onNext(ExportTraceServiceResponse.getDefaultInstance());
          response.onCompleted();
        }))
        .build();
    try {
      server = NettyServerBuilder.forPort(0).addService(service).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the OTLP/gRPC endpoint, for OTEL_EXPORTER_OTLP_ENDPOINT */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** @return the spans received so far that match */
  public List<Received> spans(Predicate<Received> filter) {
    return spans.stream().filter(filter).toList();
  }

  static Map<String, Object> attributes(List<KeyValue> list) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      AnyValue v = kv.getValue();
      map.put(kv.getKey(), switch (v.getValueCase()) {
        case STRING_VALUE -> v.getStringValue();
        case INT_VALUE -> v.getIntValue();
        case BOOL_VALUE -> v.getBoolValue();
        case DOUBLE_VALUE -> v.getDoubleValue();
        default -> v.toString();
      });
    }
    return map;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
