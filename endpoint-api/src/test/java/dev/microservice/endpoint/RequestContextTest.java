package dev.microservice.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestContextTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void remainingTimeAndCancellationFollowTheDeadline() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RequestContext ctx =
        RequestContext.builder(Transport.GRPC, "greeter", "hello")
            .deadline(NOW.plusSeconds(2))
            .clock(clock)
            .build();
    assertThat(ctx.remaining()).contains(Duration.ofSeconds(2));
    assertThat(ctx.isCancelled()).isFalse();

    RequestContext late =
        RequestContext.builder(Transport.GRPC, "greeter", "hello")
            .deadline(NOW.minusSeconds(1))
            .clock(clock)
            .build();
    assertThat(late.remaining()).contains(Duration.ZERO);
    assertThat(late.isCancelled()).isTrue();
  }

  @Test
  void noDeadlineMeansNoRemainingTime() {
    RequestContext ctx = RequestContext.builder(Transport.KAFKA, "t", "s").build();
    assertThat(ctx.deadline()).isEmpty();
    assertThat(ctx.remaining()).isEmpty();
    assertThat(ctx.isCancelled()).isFalse();
    assertThat(ctx.attempt()).isEqualTo(1);
  }

  @Test
  void headersAreCopiedAndReadOnly() {
    RequestContext ctx =
        RequestContext.builder(Transport.KAFKA, "t", "s").header("a", "1").build();
    assertThat(ctx.header("a")).contains("1");
    assertThat(ctx.header("b")).isEmpty();
    assertThatThrownBy(() -> ctx.headers().put("b", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void cancellationByCallerIsObserved() {
    boolean[] gone = {false};
    RequestContext ctx =
        RequestContext.builder(Transport.GRPC, "n", "s").cancelled(() -> gone[0]).build();
    assertThat(ctx.isCancelled()).isFalse();
    gone[0] = true;
    assertThat(ctx.isCancelled()).isTrue();
  }

  @Test
  void attemptMustBePositive() {
    assertThatThrownBy(() -> RequestContext.builder(Transport.KAFKA, "t", "s").attempt(0))
        .hasMessageContaining("attempt must be 1 or more, got 0");
  }

  @Test
  void badInputStatusesAreNotRetryable() {
    assertThat(Status.INVALID_ARGUMENT.isRetryable()).isFalse();
    assertThat(Status.NOT_FOUND.isRetryable()).isFalse();
    assertThat(Status.UNAVAILABLE.isRetryable()).isTrue();
    assertThat(new EndpointException(Status.NOT_FOUND, "x").status()).isEqualTo(Status.NOT_FOUND);
  }

  @Test
  void traceIdsAreEmptyUntilTheRuntimeSetsThem() {
    RequestContext none = RequestContext.builder(Transport.GRPC, "ns", "svc").build();
    assertThat(none.traceId()).isEmpty();
    assertThat(none.spanId()).isEmpty();
    RequestContext traced = RequestContext.builder(Transport.KAFKA, "orders", "svc")
        .trace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7").build();
    assertThat(traced.traceId()).contains("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(traced.spanId()).contains("00f067aa0ba902b7");
    assertThat(RequestContext.builder(Transport.GRPC, "ns", "svc").trace("", "").build().traceId()).isEmpty();
  }

  @Test
  void aTraceIdWithoutASpanIdIsRefused() {
    assertThatThrownBy(() -> RequestContext.builder(Transport.GRPC, "ns", "svc").trace("4bf92f3577b34da6a3ce929d0e0e4736", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
  }
}
