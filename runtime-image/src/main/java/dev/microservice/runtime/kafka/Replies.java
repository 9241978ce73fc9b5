package dev.microservice.runtime.kafka;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Produces replies, error replies and dead letters, waiting for each to be acknowledged, so that
 * a record's offset is committed only after what it caused is safely in Kafka.
 */
final class Replies {
  private final Producer<byte[], byte[]> producer;

  Replies(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /** A send that failed; {@link #retriable()} says whether trying again later may work. */
  static final class SendFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SendFailure(String message, Throwable cause) {
      super(message + ": " + cause, cause);
    }

    boolean retriable() {
      return getCause() instanceof RetriableException;
    }
  }

  /** Sends the endpoint's result to the record's reply-to topic, if it has one and there is a result. */
  void reply(ConsumerRecord<byte[], byte[]> request, byte[] result) throws SendFailure, InterruptedException {
    String replyTo = KafkaHeaders.last(request.headers(), KafkaHeaders.REPLY_TO);
    if (replyTo == null || result == null) {
      return;
    }
    send(new ProducerRecord<>(replyTo, null, request.key(), result, correlation(request)), "reply to " + replyTo);
  }

  /** Tells the sender of a failed request why, when it asked for a reply. */
  void errorReply(ConsumerRecord<byte[], byte[]> request, String error) throws SendFailure, InterruptedException {
    String replyTo = KafkaHeaders.last(request.headers(), KafkaHeaders.REPLY_TO);
    if (replyTo == null) {
      return;
    }
    RecordHeaders headers = correlation(request);
    headers.add(KafkaHeaders.ERROR, KafkaHeaders.utf8(error));
    send(new ProducerRecord<>(replyTo, null, request.key(), null, headers), "error reply to " + replyTo);
  }

  /** Sends a copy of the record, with dlq-* headers, to the dead-letter topic. */
  void deadLetter(String topic, ConsumerRecord<byte[], byte[]> record, String error, String errorClass, int attempts)
      throws SendFailure, InterruptedException {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(KafkaHeaders.DLQ_ERROR, KafkaHeaders.utf8(error));
    headers.add(KafkaHeaders.DLQ_ERROR_CLASS, KafkaHeaders.utf8(errorClass));
    headers.add(KafkaHeaders.DLQ_ORIGINAL_TOPIC, KafkaHeaders.utf8(record.topic()));
    headers.add(KafkaHeaders.DLQ_ORIGINAL_PARTITION, KafkaHeaders.utf8(record.partition()));
    headers.add(KafkaHeaders.DLQ_ORIGINAL_OFFSET, KafkaHeaders.utf8(record.offset()));
    headers.add(KafkaHeaders.DLQ_ATTEMPTS, KafkaHeaders.utf8(attempts));
    try {
      send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers), "dead letter to " + topic);
    } catch (SendFailure e) {
      if (!(e.getCause() instanceof RecordTooLargeException)) {
        throw e;
      }
      headers.add(KafkaHeaders.DLQ_VALUE_OMITTED, KafkaHeaders.utf8(record.value() == null ? 0 : record.value().length));
      send(new ProducerRecord<>(topic, null, record.key(), null, headers), "dead letter (without value) to " + topic);
    }
  }

  private static RecordHeaders correlation(ConsumerRecord<byte[], byte[]> request) {
    RecordHeaders headers = new RecordHeaders();
    var id = request.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
    if (id != null) {
      headers.add(KafkaHeaders.CORRELATION_ID, id.value());
    }
    return headers;
  }

  private void send(ProducerRecord<byte[], byte[]> record, String what) throws SendFailure, InterruptedException {
    try {
      producer.send(record).get();
    } catch (ExecutionException e) {
      throw new SendFailure("cannot send " + what, e.getCause());
    } catch (RuntimeException e) {
      throw new SendFailure("cannot send " + what, e);
    }
  }
}
