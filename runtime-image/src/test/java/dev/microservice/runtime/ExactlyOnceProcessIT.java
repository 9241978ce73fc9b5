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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request-reply across a SIGKILL and a restart: exactly once, a read_committed reader of the reply
 * topic sees every request answered once; at least once, some twice.
 */
class ExactlyOnceProcessIT {
  private static final int N = 20_000;
  static EmbeddedKafka kafka;
  static Path jars;

  @TempDir Path tmp;

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.builder().start();
    jars = TestEndpointsJar.build(Path.of("target/it-endpoints/exactly-once"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void exactlyOnceAnswersEveryRequestOnceAcrossASigkill() throws Exception {
    Map<String, Integer> answers = sigkillMidStream("eos", "exactlyOnce");
    assertThat(answers).hasSize(N);
    assertThat(answers.values()).as("answers per correlation id").allMatch(n -> n == 1);
  }

  @Test
  void atLeastOnceAnswersSomeRequestsTwiceAcrossASigkill() throws Exception {
    Map<String, Integer> answers = sigkillMidStream("alo", "atLeastOnce");
    assertThat(answers).hasSize(N);
    assertThat(answers.values().stream().filter(n -> n > 1).count()).as("requests answered twice").isPositive();
  }

  /** @return how often each correlation id was answered, as read_committed reads the reply topic */
  private Map<String, Integer> sigkillMidStream(String topic, String delivery) throws Exception {
    String replies = topic + "-replies";
    kafka.createTopic(topic, 4);
    kafka.createTopic(replies, 1);
    Path manifest = Files.writeString(tmp.resolve(topic + ".yaml"),
        KafkaTestSupport.manifest(kafka.bootstrapServers(), topic, "groupProtocol: classic\ndelivery: " + delivery));
    try (Collector collector = new Collector(replies)) {
      int mgmt = TestSupport.freePort();
      try (RuntimeProcess first = runtime(topic + "-1", manifest, mgmt)) {
        awaitReady(mgmt);
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
          for (int i = 0; i < N; i++) {
            producer.send(request(topic, i % 4, "k" + i, "echo", "v" + i, replies, "id-" + i));
          }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> collector.ids.size() >= N / 10);
        first.sigkill();
      }
      int beforeRestart = collector.ids.size();
      assertThat(beforeRestart).as("killed mid-stream").isLessThan(N);
      int mgmt2 = TestSupport.freePort();
      try (RuntimeProcess second = runtime(topic + "-2", manifest, mgmt2)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> collector.ids.size() >= N);
        second.sigterm();
        assertThat(second.exitCode(Duration.ofSeconds(40))).isZero();
      }
      Map<String, Integer> answers = readCommitted(replies);
      System.out.printf("ExactlyOnceProcessIT %s: %d answered before SIGKILL, %d answers for %d requests%n", delivery,
          beforeRestart, answers.values().stream().mapToInt(Integer::intValue).sum(), N);
      return answers;
    }
  }

  private RuntimeProcess runtime(String name, Path manifest, int mgmtPort) {
    return RuntimeProcess.start("eos-" + name, Map.of("POD_NAME", "eos-pod"), "--manifest", manifest.toString(),
        "--endpoints", jars.toString(), "--management-port", String.valueOf(mgmtPort));
  }

  private static void awaitReady(int mgmtPort) {
    await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.statusOf(mgmtPort, "/readyz") == 200);
  }

  private static KafkaConsumer<byte[], byte[]> readCommittedConsumer() {
    return new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "reader-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest", "isolation.level", "read_committed", "enable.auto.commit", false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Reads the whole reply topic up to its last stable offset and counts answers per correlation id. */
  private static Map<String, Integer> readCommitted(String topic) {
    Map<String, Integer> answers = new HashMap<>();
    TopicPartition tp = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> c = readCommittedConsumer()) {
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
          answers.merge(header(r, "correlation-id"), 1, Integer::sum);
        }
        return c.position(tp) >= end;
      });
    }
    return answers;
  }

  /** Reads a reply topic read_committed in the background and collects the correlation ids. */
  private static final class Collector implements AutoCloseable {
    final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Collector(String topic) {
      thread = new Thread(() -> {
        try (KafkaConsumer<byte[], byte[]> c = readCommittedConsumer()) {
          c.subscribe(List.of(topic));
          while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
              ids.add(header(r, "correlation-id"));
            }
          }
        }
      }, "eos-reply-collector");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(10_000);
    }
  }
}
