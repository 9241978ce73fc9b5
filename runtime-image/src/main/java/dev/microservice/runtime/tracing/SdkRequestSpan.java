package dev.microservice.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.function.BiConsumer;

/** A {@link RequestSpan} backed by an SDK span. */
final class SdkRequestSpan implements RequestSpan {
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
      span.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public RequestSpan set(String key, long value) {
    span.setAttribute(key, value);
    return this;
  }

  @Override
  public void inject(BiConsumer<String, String> headers) {
    W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, BiConsumer::accept);
  }

  @Override
  public void end(String status, boolean error, String description, String errorId) {
    if (span.isRecording()) {
      span.setAttribute(SpanNames.STATUS, status);
      if (errorId != null) {
        span.setAttribute(SpanNames.ERROR_ID, errorId);
      }
      if (error) {
        span.setAttribute(SpanNames.ERROR_TYPE, status);
        span.setStatus(StatusCode.ERROR, description == null ? status : description);
      }
    }
    span.end();
  }
}
