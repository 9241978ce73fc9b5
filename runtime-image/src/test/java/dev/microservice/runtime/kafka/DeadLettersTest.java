package dev.microservice.runtime.kafka;

import static dev.microservice.model.contract.KafkaHeaderNames.CORRELATION_ID;
import static dev.microservice.model.contract.KafkaHeaderNames.DLQ_ATTEMPTS;
import static dev.microservice.model.contract.KafkaHeaderNames.DLQ_ERROR;
import static dev.microservice.model.contract.KafkaHeaderNames.DLQ_ERROR_CLASS;
import static dev.microservice.model.contract.KafkaHeaderNames.DLQ_ORIGINAL_OFFSET;
import static dev.microservice.model.contract.KafkaHeaderNames.DLQ_ORIGINAL_PARTITION;
import static dev.microservice.model.contract.KafkaHeaderNames.DLQ_ORIGINAL_TOPIC;
import static dev.microservice.model.contract.KafkaHeaderNames.DLQ_VALUE_OMITTED_BYTES;
import static dev.microservice.model.contract.KafkaHeaderNames.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microservice.model.DeadLetterSpec;
import dev.microservice.runtime.kafka.Replies.SendFailure;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.tracing.RequestSpan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What a dead letter carries, where it goes, and what happens when it cannot go there. */
class DeadLettersTest {
  private final RuntimeMetrics metrics = new RuntimeMetrics();

  @Test
  void aDeadLetterIsTheRecordWithItsHeadersAndTheDlqHeaders() throws Exception {
    FailingProducer producer = new FailingProducer(r -> null);
    deadLetters(new DeadLetterSpec(), producer).send(record("v"), "fail", 3, "boom", "java.lang.IllegalStateException", RequestSpan.NONE);

    assertThat(producer.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
    assertThat(dead.topic()).isEqualTo("orders.dlq");
    assertThat(text(dead.key())).isEqualTo("k");
    assertThat(text(dead.value())).isEqualTo("v");
    assertThat(header(dead, SERVICE)).isEqualTo("fail");
    assertThat(header(dead, CORRELATION_ID)).isEqualTo("c-1");
    assertThat(header(dead, DLQ_ERROR)).isEqualTo("boom");
    assertThat(header(dead, DLQ_ERROR_CLASS)).isEqualTo("java.lang.IllegalStateException");
    assertThat(header(dead, DLQ_ORIGINAL_TOPIC)).isEqualTo("orders");
    assertThat(header(dead, DLQ_ORIGINAL_PARTITION)).isEqualTo("2");
    assertThat(header(dead, DLQ_ORIGINAL_OFFSET)).isEqualTo("7");
    assertThat(header(dead, DLQ_ATTEMPTS)).isEqualTo("3");
    assertThat(dead.headers().lastHeader(DLQ_VALUE_OMITTED_BYTES)).isNull();
    assertThat(count("dead_lettered")).isEqualTo(1.0);
  }

  @Test
  void theSpecNamesTheTopic() throws Exception {
    DeadLetterSpec spec = new DeadLetterSpec();
    spec.setTopic("dead.{topic}");
    FailingProducer producer = new FailingProducer(r -> null);
    deadLetters(spec, producer).send(record("v"), "fail", 1, "boom", "X", RequestSpan.NONE);
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("dead.orders");
  }

  @Test
  void aValueTooLargeToDeadLetterIsLeftOutAndItsSizeSaid() throws Exception {
    FailingProducer producer = new FailingProducer(r -> r.value() == null ? null : new RecordTooLargeException("too large"));
    deadLetters(new DeadLetterSpec(), producer).send(record("12345"), "fail", 1, "boom", "X", RequestSpan.NONE);

    assertThat(producer.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
    assertThat(dead.value()).isNull();
    assertThat(header(dead, DLQ_VALUE_OMITTED_BYTES)).isEqualTo("5");
    assertThat(header(dead, DLQ_ERROR)).isEqualTo("boom");
    assertThat(count("dead_lettered")).isEqualTo(1.0);
  }

  @Test
  void inATransactionAValueOverTheLimitIsLeftOutWithoutTryingIt() throws Exception {
    FailingProducer producer = new FailingProducer(r -> r.value() == null ? null : new IllegalStateException("tried"));
    new DeadLetters("events", new DeadLetterSpec(), new Replies(producer, true), KafkaMetrics.of(metrics.registry()), 4)
        .send(record("12345"), "fail", 1, "boom", "X", RequestSpan.NONE);
    assertThat(producer.history()).hasSize(1);
    assertThat(producer.history().get(0).value()).isNull();
    assertThat(header(producer.history().get(0), DLQ_VALUE_OMITTED_BYTES)).isEqualTo("5");
  }

  @Test
  void anyOtherSendFailureIsThrownSoThatTheRecordIsTriedAgain() throws IOException {
    FailingProducer producer = new FailingProducer(r -> new TimeoutException("broker away"));
    assertThatThrownBy(() -> deadLetters(new DeadLetterSpec(), producer).send(record("v"), "fail", 1, "boom", "X", RequestSpan.NONE))
        .isInstanceOf(SendFailure.class)
        .satisfies(e -> assertThat(((SendFailure) e).retriable()).isTrue());
    assertThat(count("dead_lettered")).isZero();
  }

  @Test
  void withDeadLetteringOffNothingIsSentAndTheRecordIsCountedAsSkipped() throws Exception {
    DeadLetterSpec off = new DeadLetterSpec();
    off.setEnabled(false);
    FailingProducer producer = new FailingProducer(r -> null);
    deadLetters(off, producer).send(record("v"), "fail", 2, "boom", "X", RequestSpan.NONE);
    assertThat(producer.history()).isEmpty();
    assertThat(count("skipped")).isEqualTo(1.0);
    assertThat(count("dead_lettered")).isZero();
  }

  private DeadLetters deadLetters(DeadLetterSpec spec, FailingProducer producer) {
    return new DeadLetters("events", spec, new Replies(producer), KafkaMetrics.of(metrics.registry()));
  }

  private double count(String outcome) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.scrape(out);
    return KafkaMetricsReader.sum(out.toString(StandardCharsets.UTF_8), "microservice_kafka_records_total",
        "server=\"events\"", "topic=\"orders\"", "service=\"fail\"", "outcome=\"" + outcome + "\"");
  }

  private static ConsumerRecord<byte[], byte[]> record(String value) {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 2, 7L, utf8("k"), utf8(value));
    record.headers().add(SERVICE, utf8("fail"));
    record.headers().add(CORRELATION_ID, utf8("c-1"));
    return record;
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : text(h.value());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Fails the sends the function gives an exception for; records only the ones that succeed. */
  private static final class FailingProducer extends MockProducer<byte[], byte[]> {
    private final Function<ProducerRecord<byte[], byte[]>, RuntimeException> failure;

    FailingProducer(Function<ProducerRecord<byte[], byte[]>, RuntimeException> failure) {
      super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
      this.failure = failure;
    }

    @Override
    public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
      RuntimeException e = failure.apply(record);
      return e == null ? super.send(record, callback) : CompletableFuture.failedFuture(e);
    }
  }
}
