package dev.microservice.runtime;

import static dev.microservice.runtime.kafka.KafkaTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.runtime.kafka.KafkaTestSupport;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One runtime process with a gRPC and a Kafka server, LOG_FORMAT=json, that has answered a call, failed one,
 * retried a record and dead-lettered another: every line it wrote is a JSON object, and every metric the chart's
 * Grafana dashboard queries is in its live /metrics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityProcessIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DASHBOARD = Path.of(System.getProperty("project.root", ".."),
      "helm/microservice-operator/dashboards/microservice-runtime.json");
  static EmbeddedKafka kafka;
  static RuntimeProcess runtime;
  static int mgmtPort;

  @BeforeAll
  static void runAndExercise() throws Exception {
    kafka = EmbeddedKafka.builder().start();
    kafka.createTopic("orders", 2);
    kafka.createTopic("orders.dlq", 1);
    kafka.createTopic("order-replies", 1);
    Path jars = TestEndpointsJar.build(Path.of("target/it-endpoints/observability"));
    int grpcPort = TestSupport.freePort();
    mgmtPort = TestSupport.freePort();
    Path manifest = Files.createDirectories(Path.of("target/it-manifests")).resolve("observability.yaml");
    Files.writeString(manifest, """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: observed}
        spec:
          drainTimeoutSeconds: 5
          servers:
            - name: rpc
              grpc: {port: %d}
              namespaces: [{name: test, services: [{name: echo, endpoint: echo}, {name: fail, endpoint: fail}]}]
            - name: events
              kafka:
                bootstrapServers: "%s"
                groupId: observed
                retry: {maxAttempts: 2, initialBackoffMillis: 50, maxBackoffMillis: 100}
              namespaces: [{name: orders, services: [{name: flaky, endpoint: flaky}, {name: fail, endpoint: fail}]}]
        """.formatted(grpcPort, kafka.bootstrapServers()));
    runtime = RuntimeProcess.start("observability-json", Map.of("LOG_FORMAT", "json", "POD_NAME", "observed-0"),
        "--manifest", manifest.toString(), "--endpoints", jars.toString(), "--management-port", String.valueOf(mgmtPort));
    await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.statusOf(mgmtPort, "/readyz") == 200);

    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try {
      var stub = MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
      assertThat(stub.command(RunningRuntime.message("test", "echo", "hi")).getData().toStringUtf8()).isEqualTo("hi");
      org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
          () -> stub.command(RunningRuntime.message("test", "fail", "no")));
    } finally {
      channel.shutdownNow();
    }
    try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      producer.send(request("orders", 0, "k1", "flaky", "retried once", "order-replies", "c1"));
      producer.send(request("orders", 1, "k2", "fail", "dead letter", null, "c2"));
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      String m = TestSupport.get(mgmtPort, "/metrics").body();
      return m.contains("outcome=\"retried\"") && m.contains("outcome=\"dead_lettered\"") && m.contains("outcome=\"handled\"");
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(2) // stops the runtime
  void everyLineTheRuntimeWroteIsAJsonObjectWithTheFixedFields() throws Exception {
    runtime.sigterm();
    assertThat(runtime.exitCode(Duration.ofSeconds(30))).isEqualTo(0);
    List<String> lines = runtime.output().lines().toList();
    assertThat(lines).as("the runtime logged its start, the failures and its stop").hasSizeGreaterThan(5);
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
      assertThat(node.isObject()).as(line).isTrue();
      assertThat(node.fieldNames()).toIterable().as(line).startsWith("timestamp", "level", "logger", "thread", "message");
      events.add(node);
    }
    assertThat(events).anySatisfy(e -> assertThat(e.get("message").asText()).contains("SIGTERM received"));
    assertThat(events).as("the dead letter is logged").anySatisfy(e -> {
      assertThat(e.get("level").asText()).isIn("WARN", "ERROR");
      assertThat(e.get("logger").asText()).startsWith("dev.microservice.runtime.kafka");
    });
  }

  @Test
  @Order(1)
  void everyMetricTheDashboardQueriesIsInTheLiveScrape() throws Exception {
    Scrape scrape = Scrape.parse(TestSupport.get(mgmtPort, "/metrics").body());
    JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
    List<DashboardQueries.Query> queries = DashboardQueries.of(dashboard);
    assertThat(queries).hasSizeGreaterThan(10);
    List<String> missing = new ArrayList<>();
    for (DashboardQueries.Query q : queries) {
      List<PromQl.Selector> selectors = PromQl.selectors(q.expr());
      if (selectors.isEmpty()) {
        missing.add(q.where() + ": names no metric: " + q.expr());
      }
      for (PromQl.Selector s : selectors) {
        if (!scrape.has(s.metric())) {
          missing.add(q.where() + ": " + s.metric() + " is not in /metrics");
        } else {
          s.equalities().forEach((label, value) -> {
            if (!scrape.has(s.metric(), label, value)) {
              missing.add(q.where() + ": no " + s.metric() + " sample has " + label + "=\"" + value + "\"");
            }
          });
        }
      }
    }
    assertThat(missing).as("dashboard queries that the runtime's /metrics cannot answer").isEmpty();
  }
}
