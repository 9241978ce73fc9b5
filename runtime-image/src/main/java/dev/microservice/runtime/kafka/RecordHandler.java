package dev.microservice.runtime.kafka;

import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.KafkaRecordCoordinates;
import dev.microservice.endpoint.RequestContext;
import dev.microservice.endpoint.Status;
import dev.microservice.endpoint.Transport;
import dev.microservice.model.DeadLetterSpec;
import dev.microservice.model.KafkaServerSpec;
import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.kafka.KafkaMetrics.Outcome;
import dev.microservice.runtime.kafka.Replies.SendFailure;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Route;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.routing.RoutingException;
import dev.microservice.runtime.tracing.RequestMdc;
import dev.microservice.runtime.tracing.RequestSpan;
import dev.microservice.runtime.tracing.SpanConstants;
import dev.microservice.runtime.tracing.SpanNames;
import dev.microservice.runtime.tracing.Tracing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one attempt at one record: checks it, routes it, calls the endpoint, then replies,
 * schedules a retry, or hands it to {@link DeadLetters}.
 */
final class RecordHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RecordHandler.class);

  private final String server;
  private final Router router;
  private final int maxMessageBytes;
  private final Backoff backoff;
  private final DeadLetters deadLetters;
  private final Replies replies;
  private final RuntimeMetrics metrics;
  private final KafkaMetrics kafkaMetrics;
  private final Tracing tracing;
  private final String group;
  /** Per topic: the span name and the attributes every span of its records has. */
  private final Map<String, TopicSpans> topicSpans = new ConcurrentHashMap<>();

  private record TopicSpans(String name, SpanConstants constants) {}

  RecordHandler(String server, Router router, int maxMessageBytes, Backoff backoff, DeadLetterSpec deadLetter,
      Replies replies, RuntimeMetrics metrics, KafkaMetrics kafkaMetrics) {
    this(server, router, maxMessageBytes, backoff, new DeadLetters(server, deadLetter, replies, kafkaMetrics), replies,
        metrics, kafkaMetrics);
  }

  RecordHandler(String server, Router router, int maxMessageBytes, Backoff backoff, DeadLetters deadLetters,
      Replies replies, RuntimeMetrics metrics, KafkaMetrics kafkaMetrics) {
    this(server, router, maxMessageBytes, backoff, deadLetters, replies, metrics, kafkaMetrics, Tracing.off(""), "");
  }

  /**
   * The handler of a Kafka server, as its consumer-group and share-group forms both build it.
   *
   * @param server the server's name
   * @param kafka its spec: maximum message size and retry backoff
   * @param config its client configuration: the group, for the spans
   */
  static RecordHandler of(String server, Router router, KafkaServerSpec kafka, KafkaClientConfig config,
      DeadLetters deadLetters, Replies replies, RuntimeMetrics metrics, KafkaMetrics kafkaMetrics, Tracing tracing) {
    return new RecordHandler(server, router, kafka.getMaxMessageBytes(), Backoff.of(kafka.getRetry()), deadLetters,
        replies, metrics, kafkaMetrics, tracing, config.groupId());
  }

  /**
   * @param tracing starts each attempt's span
   * @param group the consumer (or share) group, for the spans
   */
  RecordHandler(String server, Router router, int maxMessageBytes, Backoff backoff, DeadLetters deadLetters,
      Replies replies, RuntimeMetrics metrics, KafkaMetrics kafkaMetrics, Tracing tracing, String group) {
    this.tracing = tracing;
    this.group = group;
    this.server = server;
    this.router = router;
    this.maxMessageBytes = maxMessageBytes;
    this.backoff = backoff;
    this.deadLetters = deadLetters;
    this.replies = replies;
    this.metrics = metrics;
    this.kafkaMetrics = kafkaMetrics;
  }

  /**
   * Handles one attempt.
   *
   * @return null when the record is done with (handled, dead-lettered or skipped), else the delay
   *     before the next attempt
   * @throws InterruptedException when the thread is interrupted while sending
   */
  Duration handle(ConsumerRecord<byte[], byte[]> record, int attempt) throws InterruptedException {
    return handleOnce(record, attempt).retryIn();
  }

  /**
   * What became of one attempt.
   *
   * @param retryIn the delay before the next attempt; null when the record is done with
   * @param failed whether it failed: dead-lettered or skipped when done with, or to be tried again
   */
  record Result(Duration retryIn, boolean failed) {}

  /** Handles one attempt, like {@link #handle}, and also says whether the record failed (for share groups). */
  Result handleOnce(ConsumerRecord<byte[], byte[]> record, int attempt) throws InterruptedException {
    long start = System.nanoTime();
    metrics.started("kafka", server);
    TopicSpans spans = topicSpans.computeIfAbsent(record.topic(), this::topicSpans);
    Labels labels = new Labels(tracing.start(Tracing.Kind.CONSUMER, spans.name(), spans.constants(),
        name -> KafkaHeaders.last(record.headers(), name)));
    spanStarted(labels.span, record, attempt);
    try (RequestMdc mdc = RequestMdc.open(labels.span, tracing.microservice(), server)) {
      labels.mdc = mdc;
      Duration retryIn = attempt(record, attempt, labels);
      return new Result(retryIn, !"OK".equals(labels.code));
    } catch (SendFailure e) {
      labels.code = Status.UNAVAILABLE.name();
      labels.error = e.getMessage();
      LOG.warn("{}: {}; the record will be tried again", coordinates(record), e.getMessage());
      return new Result(backoff.delayAfter(Math.min(attempt, backoff.maxAttempts())), true);
    } finally {
      String topic = router.namespaces().contains(record.topic()) ? record.topic() : RuntimeMetrics.UNKNOWN;
      metrics.record("kafka", server, topic, labels.service, labels.code, System.nanoTime() - start);
      labels.span.end(labels.code, !"OK".equals(labels.code), labels.error, labels.errorId);
    }
  }

  private TopicSpans topicSpans(String topic) {
    return new TopicSpans("process " + topic, SpanConstants.of(SpanNames.MESSAGING_SYSTEM, "kafka",
        SpanNames.MESSAGING_OPERATION_TYPE, "process", SpanNames.MESSAGING_OPERATION_NAME, "process",
        SpanNames.MESSAGING_DESTINATION, topic, SpanNames.MESSAGING_GROUP, group, SpanNames.SERVER, server));
  }

  private void spanStarted(RequestSpan span, ConsumerRecord<byte[], byte[]> record, int attempt) {
    if (span.recording()) {
      span.set(SpanNames.MESSAGING_PARTITION, String.valueOf(record.partition()))
          .set(SpanNames.MESSAGING_OFFSET, record.offset()).set(SpanNames.ATTEMPT, attempt);
    }
  }

  /** The metric labels and the span of one attempt, filled in as it goes. */
  private static final class Labels {
    final RequestSpan span;
    RequestMdc mdc;
    String service = RuntimeMetrics.UNKNOWN;
    String code = "OK";
    String error;
    String errorId;

    Labels(RequestSpan span) {
      this.span = span;
    }
  }

  private Duration attempt(ConsumerRecord<byte[], byte[]> record, int attempt, Labels labels)
      throws SendFailure, InterruptedException {
    Route route;
    try {
      route = route(record);
    } catch (RoutingException e) {
      labels.code = e.status().name();
      return deadLetter(record, labels, attempt, e.getMessage(), e.getClass().getName());
    } catch (RecordRejectedException e) {
      labels.code = e.status().name();
      return deadLetter(record, labels, attempt, e.getMessage(), e.getClass().getName());
    }
    labels.service = route.service();
    labels.mdc.routed(route.namespace(), route.service());
    if (labels.span.recording()) {
      labels.span.set(SpanNames.NAMESPACE, route.namespace()).set(SpanNames.SERVICE, route.service())
          .set(SpanNames.ENDPOINT, route.endpoint().name());
    }
    byte[] result;
    try {
      result = route.endpoint().handle(context(record, route, attempt, labels.span), route.payload());
    } catch (EndpointException e) {
      labels.code = e.status().name();
      return failed(record, labels, attempt, e.status(), e.getMessage(), e);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | LinkageError | AssertionError e) {
      labels.code = Status.INTERNAL.name();
      return failed(record, labels, attempt, Status.INTERNAL, null, e);
    }
    try {
      replies.reply(record, result, labels.span);
    } catch (SendFailure e) {
      if (e.retriable()) {
        throw e;
      }
      labels.code = Status.FAILED_PRECONDITION.name();
      return deadLetter(record, labels, attempt, e.getMessage(), e.getCause().getClass().getName());
    }
    kafkaMetrics.record(server, record.topic(), labels.service, Outcome.HANDLED);
    return null;
  }

  private Route route(ConsumerRecord<byte[], byte[]> record) throws RoutingException, RecordRejectedException {
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      throw new RecordRejectedException(Status.INVALID_ARGUMENT, "the record has an empty value; there is nothing to handle");
    }
    if (value.length > maxMessageBytes) {
      throw new RecordRejectedException(Status.RESOURCE_EXHAUSTED,
          "the record value is " + value.length + " bytes, more than maxMessageBytes (" + maxMessageBytes + ")");
    }
    return router.route(record.topic(), KafkaHeaders.last(record.headers(), KafkaHeaderNames.SERVICE), value);
  }

  /**
   * After a failed attempt: the delay before the next one, or null once dead-lettered.
   *
   * @param message the endpoint's own message (an {@link EndpointException}'s), sent as is; null
   *     for any other exception, whose text is logged, never sent
   */
  private Duration failed(ConsumerRecord<byte[], byte[]> record, Labels labels, int attempt, Status status,
      String message, Throwable cause) throws SendFailure, InterruptedException {
    String service = labels.service;
    labels.error = message;
    kafkaMetrics.record(server, record.topic(), service, Outcome.FAILED);
    if (status.isRetryable() && backoff.retries(attempt)) {
      kafkaMetrics.record(server, record.topic(), service, Outcome.RETRIED);
      Duration delay = backoff.delayAfter(attempt);
      LOG.info("{}: attempt {} of {} failed ({}); retrying in {} ms", coordinates(record), attempt, backoff.maxAttempts(),
          status, delay.toMillis());
      return delay;
    }
    String why = message;
    if (!(cause instanceof EndpointException)) {
      // Only the log gets the exception itself; the headers get the error id that finds it here.
      String errorId = InternalErrors.newId();
      LOG.warn("{}: endpoint of service '{}' failed on attempt {}; error id {}", coordinates(record), service, attempt,
          errorId, cause);
      why = InternalErrors.describe(service, cause, errorId);
      labels.errorId = errorId;
    }
    return deadLetter(record, labels, attempt, why, cause.getClass().getName());
  }

  private Duration deadLetter(ConsumerRecord<byte[], byte[]> record, Labels labels, int attempts, String error,
      String errorClass) throws SendFailure, InterruptedException {
    String why = error == null ? errorClass : error;
    labels.error = why;
    deadLetters.send(record, labels.service, attempts, why, errorClass, labels.span);
    replies.errorReply(record, why, labels.span);
    return null;
  }

  private static RequestContext context(ConsumerRecord<byte[], byte[]> record, Route route, int attempt, RequestSpan span) {
    RequestContext.Builder ctx = RequestContext.builder(Transport.KAFKA, route.namespace(), route.service())
        .kafkaRecord(new KafkaRecordCoordinates(record.topic(), record.partition(), record.offset(), record.key()))
        .attempt(attempt)
        .trace(span.traceId(), span.spanId());
    for (Header h : record.headers()) {
      if (h.value() != null) {
        ctx.header(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return ctx.build();
  }

  static String coordinates(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
