package dev.microservice.runtime.kafka;

import static dev.microservice.runtime.kafka.KafkaTestSupport.header;
import static dev.microservice.runtime.kafka.KafkaTestSupport.manifest;
import static dev.microservice.runtime.kafka.KafkaTestSupport.readUntil;
import static dev.microservice.runtime.kafka.KafkaTestSupport.request;
import static dev.microservice.runtime.kafka.KafkaTestSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestParser;
import dev.microservice.runtime.MicroserviceRuntime;
import dev.microservice.runtime.TestEndpointsJar;
import dev.microservice.runtime.TestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka server against a real broker, with the runtime in this JVM. */
class KafkaServerIT {
  static EmbeddedKafka kafka;
  static Path jars;

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.builder().start();
    jars = TestEndpointsJar.build(Path.of("target/it-endpoints/kafka"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  static MicroserviceRuntime start(String topic, int partitions, String extraKafka) {
    kafka.createTopic(topic, partitions);
    MicroserviceRuntime rt = new MicroserviceRuntime(
        ManifestParser.parse(manifest(kafka.bootstrapServers(), topic, extraKafka), topic), jars, 0);
    rt.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> rt.notReadyReason() == null);
    return rt;
  }

  @Test
  void helloExampleAnswersOverKafka() throws Exception {
    Manifest hello = ManifestParser.parse(TestSupport.HELLO_MANIFEST);
    hello.getSpec().getServers().removeIf(s -> s.getKafka() == null);
    hello.getSpec().getServers().get(0).getKafka().setBootstrapServers(kafka.bootstrapServers());
    kafka.createTopic("greeter", 1);
    kafka.createTopic("greeter-replies", 1);
    try (MicroserviceRuntime rt = new MicroserviceRuntime(hello, TestSupport.HELLO_JARS, 0)) {
      rt.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> rt.notReadyReason() == null);
      try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
        producer.send(request("greeter", null, "k", null, "World", "greeter-replies", "hello-1")).get();
      }
      List<ConsumerRecord<byte[], byte[]>> replies = readUntil(kafka.bootstrapServers(), "greeter-replies",
          Duration.ofSeconds(30), all -> !all.isEmpty());
      assertThat(replies).extracting(KafkaTestSupport::value).containsExactly("Hello, World!");
      assertThat(header(replies.get(0), "correlation-id")).isEqualTo("hello-1");
    }
  }

  @Test
  void tenThousandRequestsGetExactlyOneReplyEachInPartitionOrder() throws Exception {
    String topic = "orders";
    String replies = "orders-replies";
    kafka.createTopic(replies, 1);
    int n = 10_000;
    try (MicroserviceRuntime rt = start(topic, 4, "");
        KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      for (int i = 0; i < n; i++) {
        boolean byHeader = i % 2 == 0;
        String value = byHeader ? String.valueOf(i) : "{\"service\": \"echo-env\", \"service_message\": \"" + i + "\"}";
        producer.send(request(topic, i % 4, "k" + i, byHeader ? "echo" : null, value, replies, "c" + i));
      }
      producer.flush();
      List<ConsumerRecord<byte[], byte[]>> got = readUntil(kafka.bootstrapServers(), replies, Duration.ofSeconds(90),
          all -> all.size() >= n);
      // Every request answered once, with its own correlation id and payload (envelopes unwrapped).
      assertThat(got).hasSize(n);
      Map<String, String> byCorrelation = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : got) {
        assertThat(byCorrelation.put(header(r, "correlation-id"), value(r))).as("duplicate reply").isNull();
      }
      for (int i = 0; i < n; i++) {
        assertThat(byCorrelation.get("c" + i)).isEqualTo(String.valueOf(i));
      }
      // Replies of one source partition appear in the order their requests were sent.
      Map<Integer, List<Integer>> seqByPartition = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : got) {
        int i = Integer.parseInt(value(r));
        seqByPartition.computeIfAbsent(i % 4, p -> new ArrayList<>()).add(i);
      }
      seqByPartition.values().forEach(seq -> assertThat(seq).isSorted());
      // Nothing extra arrives later (no duplicate replies after the count was reached).
      assertThat(readUntil(kafka.bootstrapServers(), replies, Duration.ofSeconds(2), all -> false)).hasSize(n);
    }
  }

  @Test
  void poisonRecordIsDeadLetteredWhileEverythingElseFlows() {
    String topic = "payments";
    String replies = "payments-replies";
    kafka.createTopic(replies, 1);
    try (MicroserviceRuntime rt = start(topic, 2, "");
        KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      producer.send(request(topic, 0, "poison", "fail", "crash", replies, "poison-1"));
      for (int i = 0; i < 20; i++) {
        producer.send(request(topic, i % 2, "k" + i, "echo", "ok-" + i, replies, "ok-" + i));
      }
      producer.send(request(topic, 1, "transient", "flaky", "flaky-value", replies, "flaky-1"));
      producer.flush();

      List<ConsumerRecord<byte[], byte[]>> dlq = readUntil(kafka.bootstrapServers(), topic + ".dlq", Duration.ofSeconds(30),
          all -> !all.isEmpty());
      assertThat(dlq).hasSize(1);
      ConsumerRecord<byte[], byte[]> dead = dlq.get(0);
      assertThat(new String(dead.key())).isEqualTo("poison");
      assertThat(value(dead)).isEqualTo("crash");
      assertThat(header(dead, "service")).isEqualTo("fail");
      assertThat(header(dead, "correlation-id")).isEqualTo("poison-1");
      // The exception's text stays in the runtime's log: the headers get its class and an error id (docs/endpoints.md).
      assertThat(header(dead, "dlq-error"))
          .matches("service 'fail' failed with IllegalStateException; see the runtime log, error id [0-9a-f]{8}");
      assertThat(header(dead, "dlq-error-class")).isEqualTo("java.lang.IllegalStateException");
      assertThat(header(dead, "dlq-original-topic")).isEqualTo(topic);
      assertThat(header(dead, "dlq-original-partition")).isEqualTo("0");
      assertThat(header(dead, "dlq-original-offset")).isEqualTo("0");
      assertThat(header(dead, "dlq-attempts")).isEqualTo("3");

      List<ConsumerRecord<byte[], byte[]>> got = readUntil(kafka.bootstrapServers(), replies, Duration.ofSeconds(30),
          all -> all.size() >= 22);
      Map<String, ConsumerRecord<byte[], byte[]>> byId = got.stream()
          .collect(Collectors.toMap(r -> header(r, "correlation-id"), r -> r));
      for (int i = 0; i < 20; i++) {
        assertThat(value(byId.get("ok-" + i))).isEqualTo("ok-" + i);
      }
      assertThat(value(byId.get("flaky-1"))).isEqualTo("flaky-value");
      assertThat(byId.get("poison-1").value()).isNull();
      assertThat(header(byId.get("poison-1"), "error")).isEqualTo(header(dead, "dlq-error")).doesNotContain("hunter2");
      // The transient failure was retried, not dead-lettered.
      assertThat(readUntil(kafka.bootstrapServers(), topic + ".dlq", Duration.ofSeconds(1), all -> false)).hasSize(1);
    }
  }

  @Test
  void badInputGoesToTheDeadLetterTopicAtOnceWithAClearError() {
    String topic = "inputs";
    try (MicroserviceRuntime rt = start(topic, 1, "");
        KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      producer.send(request(topic, 0, "unknown", "nope", "x", null, null));
      producer.send(request(topic, 0, "malformed", null, "{\"service\": 42}", null, null));
      producer.send(request(topic, 0, "empty", "echo", "", null, null));
      producer.send(request(topic, 0, "huge", "echo", "x".repeat(100_000), null, null));
      producer.send(request(topic, 0, "invalid", "fail", "invalid", null, null));
      producer.send(request(topic, 0, "after", "echo", "fine", null, null));
      producer.flush();
      List<ConsumerRecord<byte[], byte[]>> dlq = readUntil(kafka.bootstrapServers(), topic + ".dlq", Duration.ofSeconds(30),
          all -> all.size() >= 5);
      Map<String, ConsumerRecord<byte[], byte[]>> byKey = dlq.stream()
          .collect(Collectors.toMap(r -> new String(r.key()), r -> r));
      assertThat(byKey).containsOnlyKeys("unknown", "malformed", "empty", "huge", "invalid");
      assertThat(header(byKey.get("unknown"), "dlq-error"))
          .isEqualTo("unknown service 'nope' in namespace 'inputs'; known services: echo, echo-env, fail, flaky, slow");
      assertThat(header(byKey.get("malformed"), "dlq-error"))
          .isEqualTo("malformed envelope: the envelope's \"service\" must be a non-empty string");
      assertThat(header(byKey.get("empty"), "dlq-error")).isEqualTo("the record has an empty value; there is nothing to handle");
      assertThat(header(byKey.get("huge"), "dlq-error")).isEqualTo("the record value is 100000 bytes, more than maxMessageBytes (65536)");
      assertThat(byKey.get("huge").value()).hasSize(100_000);
      assertThat(header(byKey.get("invalid"), "dlq-error")).isEqualTo("order id must be numeric");
      dlq.forEach(r -> assertThat(header(r, "dlq-attempts")).as("bad input is not retried").isEqualTo("1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> KafkaMetricsReader.count(rt, "inputs", "echo", "handled") == 1);
    }
  }

  @Test
  void slowEndpointBeyondMaxPollIntervalNeitherRebalancesNorBlocksOtherPartitions() {
    String topic = "reports";
    String replies = "reports-replies";
    kafka.createTopic(replies, 1);
    try (MicroserviceRuntime rt = start(topic, 2, "properties: {max.poll.interval.ms: \"2000\"}");
        KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      assertThat(KafkaMetricsReader.value(rt, "microservice_kafka_rebalances_total")).isEqualTo(1);
      producer.send(request(topic, 0, "slow", "slow", "5000", replies, "slow-1"));
      for (int i = 0; i < 10; i++) {
        producer.send(request(topic, 1, "fast" + i, "echo", "fast-" + i, replies, "fast-" + i));
      }
      producer.flush();
      // The other partition's records are all answered while the slow one is still running.
      List<ConsumerRecord<byte[], byte[]>> early = readUntil(kafka.bootstrapServers(), replies, Duration.ofSeconds(4),
          all -> all.size() >= 10);
      assertThat(early).extracting(KafkaTestSupport::value).doesNotContain("slept 5000 ms").hasSize(10);
      List<ConsumerRecord<byte[], byte[]>> all = readUntil(kafka.bootstrapServers(), replies, Duration.ofSeconds(30),
          got -> got.size() >= 11);
      assertThat(all).extracting(KafkaTestSupport::value).contains("slept 5000 ms");
      Set<String> ids = new HashSet<>(all.stream().map(r -> header(r, "correlation-id")).toList());
      assertThat(ids).hasSize(11);
      assertThat(KafkaMetricsReader.value(rt, "microservice_kafka_rebalances_total")).as("no rebalance").isEqualTo(1);
      assertThat(KafkaMetricsReader.value(rt, "microservice_kafka_assigned_partitions")).isEqualTo(2);
    }
  }
}
