package dev.microservice.runtime.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** A {@link RequestSpan} backed by an SDK span. */
final class SdkRequestSpan implements RequestSpan {
  /** The attribute keys, made once per name rather than per span (the runtime sets a few dozen names). */
  private static final Map<String, AttributeKey<String>> STRING_KEYS = new ConcurrentHashMap<>();
  private static final Map<String, AttributeKey<Long>> LONG_KEYS = new ConcurrentHashMap<>();

  private final Span span;

  SdkRequestSpan(Span span) {
    this.span = span;
  }

  @Override
  public String traceId() {
    return span.getSpanContext().getTraceId();
  }

  @Override
  public String spanId() {
    return span.getSpanContext().getSpanId();
  }

  @Override
  public boolean recording() {
    return span.isRecording();
  }

  @Override
  public RequestSpan set(String key, String value) {
    if (value != null) {
      span.setAttribute(STRING_KEYS.computeIfAbsent(key, AttributeKey::stringKey), value);
    }
    return this;
  }

  @Override
  public RequestSpan set(String key, long value) {
    span.setAttribute(LONG_KEYS.computeIfAbsent(key, AttributeKey::longKey), value);
    return this;
  }

  @Override
  public void inject(BiConsumer<String, String> headers) {
    W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, BiConsumer::accept);
  }

  @Override
  public void end(String status, boolean error, String description, String errorId) {
    if (span.isRecording()) {
      set(SpanNames.STATUS, status);
      set(SpanNames.ERROR_ID, errorId);
      if (error) {
        set(SpanNames.ERROR_TYPE, status);
        span.setStatus(StatusCode.ERROR, description == null ? status : description);
      }
    }
    span.end();
  }
}
