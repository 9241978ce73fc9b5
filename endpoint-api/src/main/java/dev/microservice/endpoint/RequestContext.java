package dev.microservice.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What an endpoint knows about one request: where it came from, its headers and its deadline.
 *
 * <p>Transports build it with {@link #builder(Transport, String, String)}; tests of endpoints can
 * build one the same way.
 */
public final class RequestContext {
  private final Transport transport;
  private final String namespace;
  private final String service;
  private final Map<String, String> headers;
  private final Instant deadline;
  private final KafkaRecordCoordinates kafkaRecord;
  private final int attempt;
  private final BooleanSupplier cancelled;
  private final Clock clock;
  private final String traceId;
  private final String spanId;

  private RequestContext(Builder b) {
    this.transport = b.transport;
    this.namespace = b.namespace;
    this.service = b.service;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.deadline = b.deadline;
    this.kafkaRecord = b.kafkaRecord;
    this.attempt = b.attempt;
    this.cancelled = b.cancelled;
    this.clock = b.clock;
    this.traceId = b.traceId;
    this.spanId = b.spanId;
  }

  /**
   * Starts a context.
   *
   * @param transport the server kind the request arrived through
   * @param namespace the gRPC namespace or Kafka topic
   * @param service the service the request was routed to
   * @return a builder
   */
  public static Builder builder(Transport transport, String namespace, String service) {
    return new Builder(transport, namespace, service);
  }

  /** @return the server kind the request arrived through */
  public Transport transport() {
    return transport;
  }

  /** @return the gRPC namespace or Kafka topic */
  public String namespace() {
    return namespace;
  }

  /** @return the service the request was routed to */
  public String service() {
    return service;
  }

  /** @return gRPC metadata (ASCII entries, lower-case keys) or Kafka record headers (UTF-8) */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * One header.
   *
   * @param name the header name; gRPC metadata keys are lower case
   * @return its value, if present
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** @return when the caller stops waiting, if it set a deadline */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** @return the time left before the deadline (never negative), if there is one */
  public Optional<Duration> remaining() {
    if (deadline == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), deadline);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  /** @return true once the deadline has passed or the caller cancelled: stop working */
  public boolean isCancelled() {
    return cancelled.getAsBoolean() || (deadline != null && !clock.instant().isBefore(deadline));
  }

  /** @return the Kafka record's topic, partition, offset and key, for Kafka requests */
  public Optional<KafkaRecordCoordinates> kafkaRecord() {
    return Optional.ofNullable(kafkaRecord);
  }

  /** @return 1 for the first delivery, 2 and up for Kafka retries */
  public int attempt() {
    return attempt;
  }

  /**
   * The W3C trace id of the request's trace: the caller's when its request carried a
   * {@code traceparent} (gRPC metadata or Kafka record header), else a new one when the runtime
   * exports traces. The same id is in the SLF4J MDC as {@code trace_id} while {@code handle} runs.
   *
   * @return 32 lower-case hex digits; empty when the request has no trace context (it carried none
   *     and tracing is off)
   */
  public Optional<String> traceId() {
    return Optional.ofNullable(traceId);
  }

  /**
   * The id of the runtime's span for this request (one per Kafka attempt): the parent of anything
   * the endpoint passes the trace on to. In the SLF4J MDC as {@code span_id} while {@code handle} runs.
   *
   * @return 16 lower-case hex digits; empty exactly when {@link #traceId()} is
   */
  public Optional<String> spanId() {
    return Optional.ofNullable(spanId);
  }

  @Override
  public String toString() {
    return transport + " " + namespace + "/" + service;
  }

  /** Builds a {@link RequestContext}. */
  public static final class Builder {
    private final Transport transport;
    private final String namespace;
    private final String service;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Instant deadline;
    private KafkaRecordCoordinates kafkaRecord;
    private int attempt = 1;
    private BooleanSupplier cancelled = () -> false;
    private Clock clock = Clock.systemUTC();
    private String traceId;
    private String spanId;

    private Builder(Transport transport, String namespace, String service) {
      this.transport = Objects.requireNonNull(transport, "transport");
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * Adds a header.
     *
     * @param name header name
     * @param value header value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the deadline.
     *
     * @param deadline when the caller stops waiting; null for none
     * @return this builder
     */
    public Builder deadline(Instant deadline) {
      this.deadline = deadline;
      return this;
    }

    /**
     * Sets the Kafka record coordinates.
     *
     * @param kafkaRecord the record's coordinates
     * @return this builder
     */
    public Builder kafkaRecord(KafkaRecordCoordinates kafkaRecord) {
      this.kafkaRecord = kafkaRecord;
      return this;
    }

    /**
     * Sets the delivery attempt.
     *
     * @param attempt 1 for the first delivery
     * @return this builder
     */
    public Builder attempt(int attempt) {
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt must be 1 or more, got " + attempt);
      }
      this.attempt = attempt;
      return this;
    }

    /**
     * Sets how cancellation by the caller is observed.
     *
     * @param cancelled returns true once the caller has gone away
     * @return this builder
     */
    public Builder cancelled(BooleanSupplier cancelled) {
      this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
      return this;
    }

    /**
     * Sets the clock used for deadline checks (for tests).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the trace context (the runtime does).
     *
     * @param traceId 32 hex digits; null or empty for none
     * @param spanId 16 hex digits; null or empty for none
     * @return this builder
     */
    public Builder trace(String traceId, String spanId) {
      boolean none = traceId == null || traceId.isEmpty();
      if (none != (spanId == null || spanId.isEmpty())) {
        throw new IllegalArgumentException("set both the trace id and the span id, or neither");
      }
      this.traceId = none ? null : traceId;
      this.spanId = none ? null : spanId;
      return this;
    }

    /** @return the context */
    public RequestContext build() {
      return new RequestContext(this);
    }
  }
}
