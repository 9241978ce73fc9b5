package dev.microservice.bench;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process OTLP/gRPC trace receiver that counts the spans of each export. It shares the
 * machine with the runtime, so it only walks the message's outer fields (request, resource spans,
 * scope spans) as they come off the wire, without copying the message, and skips each span's bytes
 * instead of decoding them: decoding every span (what a collector on another machine does) cost
 * 12 % of all CPU samples of a profiled run.
 */
final class SpanSink implements AutoCloseable {
  private final AtomicLong spans = new AtomicLong();
  private final Server server;

  SpanSink() throws IOException {
    MethodDescriptor<Long, ExportTraceServiceResponse> export =
        MethodDescriptor.<Long, ExportTraceServiceResponse>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
            .setRequestMarshaller(SPAN_COUNT)
            .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
            .build();
    ServerServiceDefinition service = ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
        .addMethod(export, ServerCalls.asyncUnaryCall((count, response) -> {
          spans.addAndGet(count);
          response.onNext(ExportTraceServiceResponse.getDefaultInstance());
          response.onCompleted();
        }))
        .build();
    server = NettyServerBuilder.forPort(0).addService(service).build().start();
  }

  /** Reads an export request off the wire as the number of spans in it (a malformed one fails the call). */
  private static final MethodDescriptor.Marshaller<Long> SPAN_COUNT = new MethodDescriptor.Marshaller<>() {
    @Override
    public java.io.InputStream stream(Long value) {
      throw new UnsupportedOperationException("the sink only receives");
    }

    @Override
    public Long parse(java.io.InputStream stream) {
      try (stream) {
        return count(CodedInputStream.newInstance(stream), 0);
      } catch (IOException e) {
        throw io.grpc.Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
      }
    }
  };

  /**
   * Counts the spans under a message at a depth: 0 = ExportTraceServiceRequest (field 1: ResourceSpans),
   * 1 = ResourceSpans (field 2: ScopeSpans), 2 = ScopeSpans (field 2: Span, counted, not read).
   */
  private static long count(CodedInputStream in, int depth) throws IOException {
    int wanted = depth == 0 ? ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER
        : depth == 1 ? ResourceSpans.SCOPE_SPANS_FIELD_NUMBER : ScopeSpans.SPANS_FIELD_NUMBER;
    long n = 0;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagFieldNumber(tag) != wanted) {
        in.skipField(tag);
      } else if (depth == 2) {
        in.skipField(tag);
        n++;
      } else {
        int limit = in.pushLimit(in.readRawVarint32());
        n += count(in, depth + 1);
        in.popLimit(limit);
      }
    }
    return n;
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
