package dev.microservice.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.microservice.model.KafkaServerStatus;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceStatus;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaLagTest {
  static final String METRICS = """
      # HELP microservice_kafka_consumer_lag Records not yet consumed, per assigned partition.
      # TYPE microservice_kafka_consumer_lag gauge
      microservice_kafka_consumer_lag{server="events",topic="orders",partition="0"} 12.0
      microservice_kafka_consumer_lag{server="events",topic="orders",partition="1"} 30.0
      microservice_kafka_consumer_lag{partition="0",server="audit",topic="audit"} 5
      microservice_kafka_consumer_lag_other{server="events"} 1000
      microservice_kafka_records_total{server="events",topic="orders",service="s",outcome="handled"} 99.0
      """;
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  HttpServer server;
  final AtomicReference<String> body = new AtomicReference<>(METRICS);
  final AtomicInteger scrapes = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", exchange -> {
      scrapes.incrementAndGet();
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static Pod pod(String name, String ip, boolean ready) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withPodIP(ip)
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
  }

  /** The hello example: gRPC server "rpc" and Kafka server "events". */
  static MicroService ms() {
    return TestResources.hello();
  }

  @Test
  void parsesTheGaugeAndSumsPerServer() {
    assertThat(KafkaLag.parse(METRICS)).isEqualTo(Map.of("events", 42L, "audit", 5L));
    assertThat(KafkaLag.parse("microservice_kafka_consumer_lag{server=\"a\",topic=\"t\",partition=\"0\"} NaN\n")).isEmpty();
    assertThat(KafkaLag.parse("")).isEmpty();
  }

  @Test
  void sumsTheReadyPodsThatAnswerAndSkipsTheRest() {
    KafkaLag lag = new KafkaLag(Duration.ofSeconds(30), server.getAddress().getPort());
    List<Pod> pods = List.of(pod("a", "127.0.0.1", true), pod("b", "127.0.0.1", true), pod("c", "127.0.0.1", false),
        pod("d", "127.0.0.2", true)); // d: nothing listens there
    assertThat(lag.read(pods)).isEqualTo(Map.of("events", 84L, "audit", 10L));
    assertThat(scrapes.get()).as("the pod that is not ready is not asked").isEqualTo(2);
  }

  @Test
  void readsAtMostOncePerIntervalAndKeepsTheLastValueWhenNoPodAnswers() {
    KafkaLag lag = new KafkaLag(Duration.ofSeconds(30), server.getAddress().getPort());
    MicroService ms = ms();
    List<Pod> pods = List.of(pod("a", "127.0.0.1", true));

    MicroServiceStatus first = new MicroServiceStatus();
    assertThat(lag.update(ms, first, pods, T0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(first.getKafka()).containsExactly(new KafkaServerStatus("events", 42L));
    ms.setStatus(first);

    body.set("microservice_kafka_consumer_lag{server=\"events\",topic=\"orders\",partition=\"0\"} 7\n");
    MicroServiceStatus soon = new MicroServiceStatus();
    assertThat(lag.update(ms, soon, pods, T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
    assertThat(soon.getKafka()).as("within the interval: the last value").containsExactly(new KafkaServerStatus("events", 42L));
    assertThat(scrapes.get()).isEqualTo(1);

    MicroServiceStatus later = new MicroServiceStatus();
    lag.update(ms, later, pods, T0.plusSeconds(30));
    assertThat(later.getKafka()).containsExactly(new KafkaServerStatus("events", 7L));
    ms.setStatus(later);

    MicroServiceStatus unanswered = new MicroServiceStatus();
    lag.update(ms, unanswered, List.of(pod("a", "127.0.0.2", true)), T0.plusSeconds(60));
    assertThat(unanswered.getKafka()).as("a failed read keeps the last value").containsExactly(new KafkaServerStatus("events", 7L));
  }

  @Test
  void offOrWithoutKafkaServersNothingIsRead() {
    MicroService grpcOnly = ms();
    grpcOnly.getSpec().getServers().removeIf(s -> s.getKafka() != null);
    List<Pod> pods = List.of(pod("a", "127.0.0.1", true));
    MicroServiceStatus status = new MicroServiceStatus();
    assertThat(new KafkaLag(Duration.ofSeconds(30), server.getAddress().getPort()).update(grpcOnly, status, pods, T0)).isNull();
    assertThat(new KafkaLag(Duration.ZERO, server.getAddress().getPort()).update(ms(), status, pods, T0)).isNull();
    assertThat(status.getKafka()).isNull();
    assertThat(scrapes.get()).isZero();
  }
}
