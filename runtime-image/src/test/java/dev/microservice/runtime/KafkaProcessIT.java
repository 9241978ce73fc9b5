package dev.microservice.runtime;

import static dev.microservice.runtime.kafka.KafkaTestSupport.header;
import static dev.microservice.runtime.kafka.KafkaTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.runtime.kafka.KafkaTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtime processes against a real broker: crashes, restarts and hand-over between instances. */
class KafkaProcessIT {
  static EmbeddedKafka kafka;
  static Path jars;

  @TempDir Path tmp;

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.builder().start();
    jars = TestEndpointsJar.build(Path.of("target/it-endpoints/kafka-process"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private RuntimeProcess runtime(String name, Path manifest, String podName, int mgmtPort) {
    return RuntimeProcess.start(name, Map.of("POD_NAME", podName), "--manifest", manifest.toString(),
        "--endpoints", jars.toString(), "--management-port", String.valueOf(mgmtPort));
  }

  private static void awaitReady(int mgmtPort) {
    await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.statusOf(mgmtPort, "/readyz") == 200);
  }

  @Test
  void sigkillMidStreamLosesNothing() throws Exception {
    String topic = "crash";
    String replies = "crash-replies";
    kafka.createTopic(topic, 4);
    kafka.createTopic(replies, 1);
    Path manifest = Files.writeString(tmp.resolve("crash.yaml"), KafkaTestSupport.manifest(kafka.bootstrapServers(), topic, ""));
    int n = 4000;
    ReplyCollector collector = new ReplyCollector(replies);
    int mgmt = TestSupport.freePort();
    try (collector; RuntimeProcess first = runtime("kafka-crash-1", manifest, "crash-pod", mgmt)) {
      awaitReady(mgmt);
      try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
        for (int i = 0; i < n; i++) {
          producer.send(request(topic, i % 4, "k" + i, "slow", "2", replies, "id-" + i));
        }
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> collector.distinct() >= 500);
      first.sigkill();
      int beforeRestart = collector.distinct();
      assertThat(beforeRestart).as("killed mid-stream").isLessThan(n);
      int mgmt2 = TestSupport.freePort();
      try (RuntimeProcess second = runtime("kafka-crash-2", manifest, "crash-pod", mgmt2)) {
        await().atMost(Duration.ofSeconds(120)).until(() -> collector.distinct() >= n);
        for (int i = 0; i < n; i++) {
          assertThat(collector.ids).contains("id-" + i);
        }
        int duplicates = collector.total() - n;
        System.out.printf("KafkaProcessIT: %d records, %d answered before SIGKILL, %d handled twice%n", n, beforeRestart, duplicates);
        second.sigterm();
        assertThat(second.exitCode(Duration.ofSeconds(40))).isZero();
      }
    }
  }

  @Test
  void twoInstancesShareTheGroupAndSigtermHandsPartitionsOverLosingNothing() throws Exception {
    String topic = "shared";
    String replies = "shared-replies";
    kafka.createTopic(topic, 4);
    kafka.createTopic(replies, 1);
    Path manifest = Files.writeString(tmp.resolve("shared.yaml"), KafkaTestSupport.manifest(kafka.bootstrapServers(), topic, ""));
    int mgmtA = TestSupport.freePort();
    int mgmtB = TestSupport.freePort();
    ReplyCollector collector = new ReplyCollector(replies);
    try (collector; RuntimeProcess a = runtime("kafka-group-a", manifest, "pod-a", mgmtA);
        RuntimeProcess b = runtime("kafka-group-b", manifest, "pod-b", mgmtB)) {
      awaitReady(mgmtA);
      awaitReady(mgmtB);
      await().atMost(Duration.ofSeconds(60)).until(() -> assigned(mgmtA) > 0 && assigned(mgmtB) > 0 && assigned(mgmtA) + assigned(mgmtB) == 4);

      int n = 3000;
      AtomicBoolean stopped = new AtomicBoolean();
      try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
        for (int i = 0; i < n; i++) {
          producer.send(request(topic, i % 4, "k" + i, "slow", "1", replies, "id-" + i));
          if (i == n / 3) {
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> collector.distinct() >= 200);
            a.sigterm();
            stopped.set(true);
          }
        }
      }
      assertThat(stopped).isTrue();
      assertThat(a.exitCode(Duration.ofSeconds(40))).isZero();
      await().atMost(Duration.ofSeconds(60)).until(() -> assigned(mgmtB) == 4);
      await().atMost(Duration.ofSeconds(120)).until(() -> collector.distinct() >= n);
      System.out.printf("KafkaProcessIT: hand-over of %d records, %d handled twice%n", n, collector.total() - n);
      assertThat(a.output()).contains("SIGTERM received").contains("finishing in-flight records");
    }
  }

  private static double assigned(int mgmtPort) {
    String metrics = TestSupport.get(mgmtPort, "/metrics").body();
    return metrics.lines().filter(l -> l.startsWith("microservice_kafka_assigned_partitions{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** Reads a reply topic in the background and counts correlation ids. */
  static final class ReplyCollector implements AutoCloseable {
    final Set<String> ids = ConcurrentHashMap.newKeySet();
    private volatile int total;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ReplyCollector(String topic) {
      thread = new Thread(() -> {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
            "group.id", "collector-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
          c.subscribe(List.of(topic));
          while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
              ids.add(header(r, "correlation-id"));
              total++;
            }
          }
        }
      }, "reply-collector");
      thread.start();
    }

    int distinct() {
      return ids.size();
    }

    int total() {
      return total;
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
    }
  }
}
