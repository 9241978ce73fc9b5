package dev.microservice.runtime.kafka;

import dev.microservice.model.DeadLetterSpec;
import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.kafka.KafkaMetrics.Outcome;
import dev.microservice.runtime.kafka.Replies.SendFailure;
import dev.microservice.runtime.tracing.RequestSpan;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on a record: sends a copy of it, with dlq-* headers, to its dead-letter topic, or only
 * counts and logs it as skipped when the server's dead-lettering is off.
 */
final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final String server;
  private final DeadLetterSpec spec;
  private final Replies sender;
  private final KafkaMetrics kafkaMetrics;
  private final long valueLimit;

  /** Dead letters that keep any value Kafka accepts (at-least-once: a refused one is sent again without it). */
  DeadLetters(String server, DeadLetterSpec spec, Replies sender, KafkaMetrics kafkaMetrics) {
    this(server, spec, sender, kafkaMetrics, Long.MAX_VALUE);
  }

  /**
   * @param server the Kafka server's name, for the metrics
   * @param spec the server's dead-letter settings
   * @param sender sends and waits for acknowledgement
   * @param kafkaMetrics where dead-lettered and skipped records are counted
   * @param valueLimit values larger than this are left out up front; in a transaction a refused
   *     send would abort the whole batch, so it must not be tried
   */
  DeadLetters(String server, DeadLetterSpec spec, Replies sender, KafkaMetrics kafkaMetrics, long valueLimit) {
    this.server = server;
    this.spec = spec;
    this.sender = sender;
    this.kafkaMetrics = kafkaMetrics;
    this.valueLimit = valueLimit;
  }

  /**
   * Dead-letters (or skips) a record that will not be tried again.
   *
   * @param service the service it was for, for the metrics
   * @param attempts how many attempts were made
   * @param error why it failed: the dlq-error header
   * @param errorClass the failure's class name: the dlq-error-class header
   * @param span the handling span: the dead letter's {@code traceparent} names it instead of the record's
   * @throws SendFailure when the dead letter cannot be sent; the record must then be tried again
   */
  void send(ConsumerRecord<byte[], byte[]> record, String service, int attempts, String error, String errorClass,
      RequestSpan span) throws SendFailure, InterruptedException {
    String coordinates = RecordHandler.coordinates(record);
    if (Boolean.FALSE.equals(spec.getEnabled())) {
      kafkaMetrics.record(server, record.topic(), service, Outcome.SKIPPED);
      LOG.warn("{}: skipped after {} attempt(s) (dead-lettering is off): {}", coordinates, attempts, error);
      return;
    }
    String topic = spec.topicFor(record.topic());
    RecordHeaders headers = headers(record, error, errorClass, attempts);
    Replies.traceContext(headers, span);
    int valueBytes = record.value() == null ? 0 : record.value().length;
    try {
      if (valueBytes > valueLimit) {
        throw new SendFailure("dead letter value over " + valueLimit + " bytes", new RecordTooLargeException("not sent"));
      }
      sender.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers), "dead letter to " + topic);
    } catch (SendFailure e) {
      if (!(e.getCause() instanceof RecordTooLargeException)) {
        throw e;
      }
      headers.add(KafkaHeaderNames.DLQ_VALUE_OMITTED_BYTES, KafkaHeaders.utf8(valueBytes));
      sender.send(new ProducerRecord<>(topic, null, record.key(), null, headers), "dead letter (without value) to " + topic);
    }
    kafkaMetrics.record(server, record.topic(), service, Outcome.DEAD_LETTERED);
    LOG.warn("{}: dead-lettered to {} after {} attempt(s): {}", coordinates, topic, attempts, error);
  }

  /** @return the record's own headers followed by the dlq-* ones */
  static RecordHeaders headers(ConsumerRecord<byte[], byte[]> record, String error, String errorClass, int attempts) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(KafkaHeaderNames.DLQ_ERROR, KafkaHeaders.utf8(error));
    headers.add(KafkaHeaderNames.DLQ_ERROR_CLASS, KafkaHeaders.utf8(errorClass));
    headers.add(KafkaHeaderNames.DLQ_ORIGINAL_TOPIC, KafkaHeaders.utf8(record.topic()));
    headers.add(KafkaHeaderNames.DLQ_ORIGINAL_PARTITION, KafkaHeaders.utf8(record.partition()));
    headers.add(KafkaHeaderNames.DLQ_ORIGINAL_OFFSET, KafkaHeaders.utf8(record.offset()));
    headers.add(KafkaHeaderNames.DLQ_ATTEMPTS, KafkaHeaders.utf8(attempts));
    return headers;
  }
}
