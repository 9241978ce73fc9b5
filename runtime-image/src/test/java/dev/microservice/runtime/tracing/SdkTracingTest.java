package dev.microservice.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.microservice.runtime.OtlpReceiver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The SDK set up from OTEL_* exports over both OTLP protocols, and its spans continue the incoming trace. */
class SdkTracingTest {
  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void exportsOverGrpcToARealReceiver() {
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      RequestSpan span;
      try (Tracing tracing = Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
          "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_BSP_SCHEDULE_DELAY", "50"), "orders-app")) {
        span = handled(tracing);
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.spans(s -> true).isEmpty());
      }
      OtlpReceiver.Received received = receiver.spans(s -> true).get(0);
      assertThat(received.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(received.spanId()).isEqualTo(span.spanId());
      assertThat(received.parentSpanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(received.attributes()).containsEntry("microservice.namespace", "shop").containsEntry("microservice.status", "OK");
      assertThat(received.resource()).containsEntry("service.name", "orders-app");
    }
  }

  @Test
  void exportsOverHttpProtobufToTheTracesPath() throws Exception {
    List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      received.add(ExportTraceServiceRequest.parseFrom(exchange.getRequestBody()));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    http.start();
    try (Tracing tracing = Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + http.getAddress().getPort(),
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "OTEL_SERVICE_NAME", "named", "OTEL_BSP_SCHEDULE_DELAY", "50"), "orders-app")) {
      handled(tracing);
      await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    } finally {
      http.stop(0);
    }
    assertThat(paths).contains("/v1/traces");
    var resourceSpans = received.get(0).getResourceSpans(0);
    assertThat(resourceSpans.getResource().getAttributesList())
        .anySatisfy(kv -> assertThat(kv.getKey() + "=" + kv.getValue().getStringValue()).isEqualTo("service.name=named"));
    assertThat(resourceSpans.getScopeSpans(0).getSpans(0).getName()).isEqualTo("rpc.MessageService/Command");
  }

  @Test
  void aSampledOutRequestStillPropagatesANewSpanId() {
    try (Tracing tracing = Tracing.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9",
        "OTEL_TRACES_SAMPLER", "always_off"), "orders-app")) {
      RequestSpan span = tracing.start(Tracing.Kind.CONSUMER, "process orders", Map.of("traceparent", PARENT)::get);
      assertThat(span.recording()).isFalse();
      assertThat(span.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      java.util.Map<String, String> out = new java.util.HashMap<>();
      span.inject(out::put);
      assertThat(TraceParent.parse(out.get("traceparent")).spanId()).isEqualTo(span.spanId()).isNotEqualTo("00f067aa0ba902b7");
      span.end("OK", false, null, null);
    }
  }

  private static RequestSpan handled(Tracing tracing) {
    RequestSpan span = tracing.start(Tracing.Kind.SERVER, "rpc.MessageService/Command", Map.of("traceparent", PARENT)::get);
    assertThat(span.recording()).isTrue();
    span.set(SpanNames.NAMESPACE, "shop");
    span.end("OK", false, null, null);
    return span;
  }
}
