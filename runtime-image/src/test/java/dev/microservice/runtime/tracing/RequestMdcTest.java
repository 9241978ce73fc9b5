package dev.microservice.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.BasicMDCAdapter;

/** The MDC keys a request sets while it is handled, and that nothing is left behind. */
class RequestMdcTest {
  private final BasicMDCAdapter mdc = new BasicMDCAdapter();

  @Test
  void theRequestsEntriesAreThereWhileHandledAndGoneAfter() {
    mdc.put("unrelated", "kept");
    RequestSpan span = Tracing.off("orders-app").start(Tracing.Kind.SERVER, "rpc.MessageService/Command",
        Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")::get);
    try (RequestMdc entries = RequestMdc.open(mdc, span, "orders-app", "rpc")) {
      entries.routed("shop", "orders");
      assertThat(mdc.getCopyOfContextMap()).containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
          .containsEntry("span_id", span.spanId()).containsEntry("microservice", "orders-app").containsEntry("server", "rpc")
          .containsEntry("namespace", "shop").containsEntry("service", "orders");
    }
    assertThat(mdc.getCopyOfContextMap()).containsExactly(Map.entry("unrelated", "kept"));
  }

  @Test
  void withoutTraceContextTheIdsAreLeftOut() {
    try (RequestMdc entries = RequestMdc.open(mdc, RequestSpan.NONE, "orders-app", "rpc")) {
      assertThat(mdc.getCopyOfContextMap()).containsOnlyKeys("microservice", "server");
    }
    assertThat(mdc.getCopyOfContextMap()).isNullOrEmpty();
  }
}
