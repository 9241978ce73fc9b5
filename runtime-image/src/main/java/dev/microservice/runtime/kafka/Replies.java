package dev.microservice.runtime.kafka;

import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.tracing.RequestSpan;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Produces replies and error replies (and, for {@link DeadLetters}, dead letters), waiting for each
 * to be acknowledged, so that a record's offset is committed only after what it caused is safely in Kafka.
 */
final class Replies {
  private final Producer<byte[], byte[]> producer;
  private final boolean transactional;

  /** Replies that wait for each acknowledgement (at-least-once). */
  Replies(Producer<byte[], byte[]> producer) {
    this(producer, false);
  }

  /**
   * @param transactional whether sends belong to the producer's open transaction: then they are not
   *     awaited one by one, since committing the transaction fails if any of them failed
   */
  Replies(Producer<byte[], byte[]> producer, boolean transactional) {
    this.producer = producer;
    this.transactional = transactional;
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

  /**
   * Sends the endpoint's result to the record's reply-to topic, if it has one and there is a result.
   *
   * @param span the handling span: the reply's {@code traceparent} names it
   */
  void reply(ConsumerRecord<byte[], byte[]> request, byte[] result, RequestSpan span) throws SendFailure, InterruptedException {
    String replyTo = KafkaHeaders.last(request.headers(), KafkaHeaderNames.REPLY_TO);
    if (replyTo == null || result == null) {
      return;
    }
    send(new ProducerRecord<>(replyTo, null, request.key(), result, correlation(request, span)), "reply to " + replyTo);
  }

  /** Tells the sender of a failed request why, when it asked for a reply. */
  void errorReply(ConsumerRecord<byte[], byte[]> request, String error, RequestSpan span) throws SendFailure, InterruptedException {
    String replyTo = KafkaHeaders.last(request.headers(), KafkaHeaderNames.REPLY_TO);
    if (replyTo == null) {
      return;
    }
    RecordHeaders headers = correlation(request, span);
    headers.add(KafkaHeaderNames.ERROR, KafkaHeaders.utf8(error));
    send(new ProducerRecord<>(replyTo, null, request.key(), null, headers), "error reply to " + replyTo);
  }

  private static RecordHeaders correlation(ConsumerRecord<byte[], byte[]> request, RequestSpan span) {
    RecordHeaders headers = new RecordHeaders();
    var id = request.headers().lastHeader(KafkaHeaderNames.CORRELATION_ID);
    if (id != null) {
      headers.add(KafkaHeaderNames.CORRELATION_ID, id.value());
    }
    traceContext(headers, span);
    return headers;
  }

  /** Replaces any trace context in the headers with the span's. */
  static void traceContext(RecordHeaders headers, RequestSpan span) {
    headers.remove(RequestSpan.TRACEPARENT);
    headers.remove(RequestSpan.TRACESTATE);
    span.inject((name, value) -> headers.add(name, KafkaHeaders.utf8(value)));
  }

  /**
   * Sends one record and waits for its acknowledgement.
   *
   * @param what what is sent, for the failure's message
   * @throws SendFailure when Kafka refuses it or cannot be reached
   */
  void send(ProducerRecord<byte[], byte[]> record, String what) throws SendFailure, InterruptedException {
    try {
      var sent = producer.send(record);
      if (!transactional || sent.isDone()) {
        sent.get();
      }
    } catch (ExecutionException e) {
      throw new SendFailure("cannot send " + what, e.getCause());
    } catch (RuntimeException e) {
      throw new SendFailure("cannot send " + what, e);
    }
  }
}
