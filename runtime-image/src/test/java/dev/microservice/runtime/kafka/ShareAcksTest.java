package dev.microservice.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.DeadLetterSpec;
import dev.microservice.model.NamespaceSpec;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.ServiceSpec;
import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.TestEndpointsJar;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The share-group acknowledgement of each kind of attempt, through the real {@link RecordHandler} (3 attempts). */
class ShareAcksTest {
  static Router router;
  MockProducer<byte[], byte[]> producer;
  RecordHandler handler;

  @BeforeAll
  static void routes() {
    NamespaceSpec ns = new NamespaceSpec();
    ns.setName("orders");
    ns.setServices(List.of(new ServiceSpec("fail", "fail"), new ServiceSpec("echo", "echo")));
    ServerSpec server = new ServerSpec();
    server.setName("events");
    server.setNamespaces(List.of(ns));
    router = new Router(server, TestEndpointsJar.catalog());
  }

  @BeforeEach
  void handler() {
    producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    RuntimeMetrics metrics = new RuntimeMetrics();
    handler = new RecordHandler("events", router, 65536, new Backoff(3, Duration.ZERO, Duration.ZERO, 1.0),
        new DeadLetterSpec(), new Replies(producer), metrics, KafkaMetrics.of(metrics.registry()));
  }

  @Test
  void successIsAccepted() throws Exception {
    assertThat(ack("echo", "hi", 1)).isEqualTo(AcknowledgeType.ACCEPT);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void aRetryableFailureBeforeTheLastAttemptIsReleased() throws Exception {
    assertThat(ack("fail", "unavailable", 1)).isEqualTo(AcknowledgeType.RELEASE);
    assertThat(ack("fail", "unavailable", 2)).isEqualTo(AcknowledgeType.RELEASE);
    assertThat(producer.history()).as("nothing dead-lettered yet").isEmpty();
  }

  @Test
  void aRetryableFailureOnTheLastAttemptIsDeadLetteredThenRejected() throws Exception {
    assertThat(ack("fail", "unavailable", 3)).isEqualTo(AcknowledgeType.REJECT);
    assertThat(deadLetter().headers().lastHeader("dlq-attempts").value()).isEqualTo(utf8("3"));
  }

  @Test
  void aNonRetryableFailureIsDeadLetteredThenRejectedAtOnce() throws Exception {
    assertThat(ack("fail", "invalid", 1)).isEqualTo(AcknowledgeType.REJECT);
    assertThat(deadLetter().headers().lastHeader("dlq-error").value()).isEqualTo(utf8("order id must be numeric"));
  }

  @Test
  void theAttemptIsTheBrokersDeliveryCount() {
    assertThat(ShareAcks.attempt(record("echo", "x", Optional.of((short) 4)))).isEqualTo(4);
    assertThat(ShareAcks.attempt(record("echo", "x", Optional.empty()))).isEqualTo(1);
  }

  private AcknowledgeType ack(String service, String value, int deliveryCount) throws InterruptedException {
    ConsumerRecord<byte[], byte[]> record = record(service, value, Optional.of((short) deliveryCount));
    return ShareAcks.of(handler.handleOnce(record, ShareAcks.attempt(record)));
  }

  private ProducerRecord<byte[], byte[]> deadLetter() {
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("orders.dlq");
    return producer.history().get(0);
  }

  private static ConsumerRecord<byte[], byte[]> record(String service, String value, Optional<Short> deliveryCount) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(KafkaHeaderNames.SERVICE, utf8(service));
    return new ConsumerRecord<>("orders", 0, 7L, 0L, TimestampType.CREATE_TIME, 1, value.length(), utf8("k"),
        utf8(value), headers, Optional.empty(), deliveryCount);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
