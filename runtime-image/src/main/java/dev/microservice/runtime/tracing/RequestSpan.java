package dev.microservice.runtime.tracing;

import java.util.function.BiConsumer;

/**
 * The span of one handled request (a gRPC call, one attempt at a Kafka record): its ids for the
 * endpoint and the logs, its attributes, and the trace context it passes on to what the runtime writes.
 */
public interface RequestSpan {
  /** The header names of W3C Trace Context. */
  String TRACEPARENT = "traceparent";
  /** The vendor part of W3C Trace Context. */
  String TRACESTATE = "tracestate";

  /** No trace context at all: tracing off and none came in. */
  RequestSpan NONE = new PropagatedSpan(null, null);

  /** @return the trace id (32 hex digits), or "" when there is no trace context */
  String traceId();

  /** @return this span's id (16 hex digits), or "" when there is no trace context */
  String spanId();

  /** @return true when attributes are recorded (exported); false makes {@link #set} calls pointless */
  boolean recording();

  /** Sets a string attribute (ignored when not recording). */
  RequestSpan set(String key, String value);

  /** Sets a number attribute (ignored when not recording). */
  RequestSpan set(String key, long value);

  /**
   * Writes {@code traceparent} (and {@code tracestate} when there is one) naming this span as the
   * parent, for records and calls the request causes; writes nothing without a trace context.
   */
  void inject(BiConsumer<String, String> headers);

  /**
   * Ends the span.
   *
   * @param status the outcome's status code name (OK, UNAVAILABLE, ...)
   * @param error whether the span failed (its status becomes ERROR)
   * @param description what went wrong, as the caller was told; null for none
   * @param errorId the id under which the runtime logged an unexpected exception; null for none
   */
  void end(String status, boolean error, String description, String errorId);
}
