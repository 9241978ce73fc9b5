package dev.microservice.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The cheap traceparent parser used when tracing is off agrees with the OpenTelemetry propagator. */
class TraceParentTest {
  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  @ParameterizedTest
  @ValueSource(strings = {
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
      "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
      "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
      ""})
  void parsesExactlyWhatTheOpenTelemetryPropagatorAccepts(String value) {
    SpanContext otel = Span.fromContext(W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of("traceparent", value), GETTER)).getSpanContext();
    TraceParent ours = TraceParent.parse(value);
    if (!otel.isValid()) {
      assertThat(ours).as(value).isNull();
    } else {
      assertThat(ours).as(value).isNotNull();
      assertThat(ours.traceId()).isEqualTo(otel.getTraceId());
      assertThat(ours.spanId()).isEqualTo(otel.getSpanId());
      assertThat(ours.flags()).isEqualTo(otel.getTraceFlags().asHex());
    }
  }

  @Test
  void aChildKeepsTheTraceAndFlagsWithAFreshSpanId() {
    TraceParent parent = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      TraceParent child = parent.child();
      assertThat(child.traceId()).isEqualTo(parent.traceId());
      assertThat(child.flags()).isEqualTo("01");
      assertThat(child.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("0000000000000000");
      assertThat(TraceParent.parse(child.format())).isEqualTo(child);
      ids.add(child.spanId());
    }
    assertThat(ids).hasSize(1000);
  }

  @Test
  void propagatedSpansPassTheTracestateOn() {
    Map<String, String> in = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "tracestate", "congo=t61rcWkgMzE");
    RequestSpan span = Tracing.off("app").start(Tracing.Kind.CONSUMER, "process orders", in::get);
    Map<String, String> out = new java.util.LinkedHashMap<>();
    span.inject(out::put);
    assertThat(List.copyOf(out.keySet())).containsExactly("traceparent", "tracestate");
    assertThat(out.get("traceparent")).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + span.spanId() + "-01");
    assertThat(out.get("tracestate")).isEqualTo("congo=t61rcWkgMzE");
    assertThat(span.recording()).isFalse();
  }
}
