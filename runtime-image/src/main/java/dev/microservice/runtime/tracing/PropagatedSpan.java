package dev.microservice.runtime.tracing;

import java.util.function.BiConsumer;

/**
 * The span when nothing is exported: not recorded, but a child of the incoming trace context (same
 * trace id and flags, a fresh span id, the tracestate passed on), so traces continue through this
 * runtime at the cost of a random number.
 */
final class PropagatedSpan implements RequestSpan {
  private final TraceParent context;
  private final String traceState;

  PropagatedSpan(TraceParent context, String traceState) {
    this.context = context;
    this.traceState = traceState;
  }

  /** @return a child of the incoming context, or {@link RequestSpan#NONE} when none came in */
  static RequestSpan childOf(HeaderReader incoming) {
    TraceParent parent = TraceParent.parse(incoming.get(TRACEPARENT));
    return parent == null ? NONE : new PropagatedSpan(parent.child(), incoming.get(TRACESTATE));
  }

  @Override
  public String traceId() {
    return context == null ? "" : context.traceId();
  }

  @Override
  public String spanId() {
    return context == null ? "" : context.spanId();
  }

  @Override
  public boolean recording() {
    return false;
  }

  @Override
  public RequestSpan set(String key, String value) {
    return this;
  }

  @Override
  public RequestSpan set(String key, long value) {
    return this;
  }

  @Override
  public void inject(BiConsumer<String, String> headers) {
    if (context == null) {
      return;
    }
    headers.accept(TRACEPARENT, context.format());
    if (traceState != null && !traceState.isEmpty()) {
      headers.accept(TRACESTATE, traceState);
    }
  }

  @Override
  public void end(String status, boolean error, String description, String errorId) {
    // nothing is recorded
  }
}
