package dev.microservice.runtime.kafka;

import static dev.microservice.runtime.kafka.KafkaTestSupport.header;
import static dev.microservice.runtime.kafka.KafkaTestSupport.manifest;
import static dev.microservice.runtime.kafka.KafkaTestSupport.readUntil;
import static dev.microservice.runtime.kafka.KafkaTestSupport.request;
import static dev.microservice.runtime.kafka.KafkaTestSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.model.ManifestParser;
import dev.microservice.runtime.MicroserviceRuntime;
import dev.microservice.runtime.TestEndpointsJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Share-mode Kafka servers (consumption: share) against a real broker: two runtimes in this JVM share one partition. */
class ShareKafkaServerIT {
  static EmbeddedKafka kafka;
  static Path jars;

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.builder().start();
    jars = TestEndpointsJar.build(Path.of("target/it-endpoints/kafka-share"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  static MicroserviceRuntime start(String topic) {
    MicroserviceRuntime rt = new MicroserviceRuntime(
        ManifestParser.parse(manifest(kafka.bootstrapServers(), topic, "consumption: share"), topic), jars, 0);
    rt.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> rt.notReadyReason() == null);
    return rt;
  }

  static double acks(MicroserviceRuntime rt, String type) {
    return KafkaMetricsReader.value(rt, "microservice_kafka_share_acknowledgements_total", "type=\"" + type + "\"");
  }

  @Test
  void twoRuntimesShareOnePartitionAndBeatTheSerialTimeFourfold() throws Exception {
    String topic = "work";
    String replies = "work-replies";
    int n = 2_000;
    kafka.createTopic(topic, 1);
    kafka.createTopic(replies, 1);
    try (MicroserviceRuntime a = start(topic);
        MicroserviceRuntime b = start(topic);
        KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      long begin = System.nanoTime();
      for (int i = 0; i < n; i++) {
        producer.send(request(topic, 0, "k" + i, "slow", "20", replies, "c" + i));
      }
      producer.flush();
      await().atMost(Duration.ofSeconds(60)).until(() -> acks(a, "accept") + acks(b, "accept") >= n);
      Duration took = Duration.ofNanos(System.nanoTime() - begin);

      // Serial: 2,000 x 20 ms = 40 s. Two pods of 16 workers on one partition must take under a quarter of it.
      assertThat(took).as("2,000 records of 20 ms on one partition").isLessThan(Duration.ofSeconds(10));
      assertThat(acks(a, "accept")).as("runtime a handled some").isPositive();
      assertThat(acks(b, "accept")).as("runtime b handled some").isPositive();
      assertThat(acks(a, "accept") + acks(b, "accept")).isEqualTo(n);
      assertThat(acks(a, "reject") + acks(b, "reject") + acks(a, "release") + acks(b, "release")).isZero();

      List<ConsumerRecord<byte[], byte[]>> got = readUntil(kafka.bootstrapServers(), replies, Duration.ofSeconds(30),
          all -> all.size() >= n);
      Set<String> ids = got.stream().map(r -> header(r, "correlation-id")).collect(Collectors.toSet());
      assertThat(ids).hasSize(n);
      assertThat(got).extracting(KafkaTestSupport::value).containsOnly("slept 20 ms");
    }
  }

  @Test
  void poisonRecordsAreDeadLetteredAndRejectedWhileTheRestFlow() {
    String topic = "jobs";
    String replies = "jobs-replies";
    kafka.createTopic(topic, 1);
    kafka.createTopic(replies, 1);
    try (MicroserviceRuntime rt = start(topic);
        KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      producer.send(request(topic, 0, "poison", "fail", "invalid", replies, "poison-1"));
      producer.send(request(topic, 0, "down", "fail", "unavailable", replies, "down-1"));
      for (int i = 0; i < 50; i++) {
        producer.send(request(topic, 0, "k" + i, "echo", "ok-" + i, replies, "ok-" + i));
      }
      producer.send(request(topic, 0, "transient", "flaky", "flaky-value", replies, "flaky-1"));
      producer.flush();

      List<ConsumerRecord<byte[], byte[]>> dlq = readUntil(kafka.bootstrapServers(), topic + ".dlq", Duration.ofSeconds(30),
          all -> all.size() >= 2);
      assertThat(dlq).extracting(r -> new String(r.key())).containsExactlyInAnyOrder("poison", "down");
      ConsumerRecord<byte[], byte[]> poison = dlq.stream().filter(r -> new String(r.key()).equals("poison")).findFirst().orElseThrow();
      assertThat(value(poison)).isEqualTo("invalid");
      assertThat(header(poison, "dlq-error")).isEqualTo("order id must be numeric");
      assertThat(header(poison, "dlq-error-class")).isEqualTo("dev.microservice.endpoint.EndpointException");
      assertThat(header(poison, "dlq-original-topic")).isEqualTo(topic);
      assertThat(header(poison, "dlq-original-partition")).isEqualTo("0");
      assertThat(header(poison, "dlq-original-offset")).isEqualTo("0");
      assertThat(header(poison, "dlq-attempts")).as("not retryable: one delivery").isEqualTo("1");
      ConsumerRecord<byte[], byte[]> down = dlq.stream().filter(r -> new String(r.key()).equals("down")).findFirst().orElseThrow();
      assertThat(header(down, "dlq-attempts")).as("retryable: delivered maxAttempts times").isEqualTo("3");

      List<ConsumerRecord<byte[], byte[]>> got = readUntil(kafka.bootstrapServers(), replies, Duration.ofSeconds(30),
          all -> all.size() >= 53);
      assertThat(got.stream().filter(r -> header(r, "error") == null).map(KafkaTestSupport::value))
          .containsAll(List.of("ok-0", "ok-49", "flaky-value")).hasSize(51);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(acks(rt, "accept")).isEqualTo(51);
        assertThat(acks(rt, "reject")).as("the two dead-lettered records").isEqualTo(2);
        assertThat(acks(rt, "release")).as("flaky once, unavailable twice").isEqualTo(3);
        assertThat(KafkaMetricsReader.value(rt, "microservice_kafka_share_in_flight_records")).isZero();
        assertThat(KafkaMetricsReader.value(rt, "microservice_kafka_share_delivery_count_count")).isEqualTo(56);
      });
    }
  }
}
