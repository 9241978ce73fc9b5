package dev.microservice.model;

import static dev.microservice.model.ManifestParserTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {
  private static final String HEADER =
      "apiVersion: microservice.dev/v1alpha1\nkind: MicroService\nmetadata: {name: greeter}\n";
  private static final String NS = "namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]";

  @Test
  void serverWithBothKafkaAndGrpc() {
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: rpc
              grpc: {port: 9090}
              kafka: {bootstrapServers: "localhost:9092"}
              %s
        """.formatted(NS)))
        .containsExactly("spec.servers[0]: set exactly one of 'grpc' or 'kafka', not both");
  }

  @Test
  void serverWithNeitherKafkaNorGrpc() {
    assertThat(problems(HEADER + "spec:\n  servers:\n    - name: rpc\n      " + NS + "\n"))
        .containsExactly("spec.servers[0]: set exactly one of 'grpc' or 'kafka'; neither is set");
  }

  @Test
  void duplicateNamesAtEveryLevel() {
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: rpc
              grpc: {port: 9090}
              namespaces:
                - name: greeter
                  services: [{name: hello, endpoint: hello}, {name: hello, endpoint: other}]
                - name: greeter
                  services: [{name: hello, endpoint: hello}]
            - name: rpc
              grpc: {port: 9091}
              %s
        """.formatted(NS)))
        .containsExactly(
            "spec.servers[1].name: duplicate server name 'rpc' (first at spec.servers[0])",
            "spec.servers[0].namespaces[1].name: duplicate namespace name 'greeter' (first at spec.servers[0].namespaces[0])",
            "spec.servers[0].namespaces[0].services[1].name: duplicate service name 'hello' (first at spec.servers[0].namespaces[0].services[0])");
  }

  @Test
  void badAndDuplicatePorts() {
    assertThat(problems(HEADER + """
        spec:
          servers:
            - {name: a, grpc: {port: 0}, %1$s}
            - {name: b, grpc: {port: 70000}, %1$s}
            - {name: c, grpc: {port: 9090}, %1$s}
            - {name: d, grpc: {port: 9090}, %1$s}
            - {name: e, grpc: {}, %1$s}
        """.formatted(NS)))
        .containsExactly(
            "spec.servers[0].grpc.port: must be between 1 and 65535, got 0",
            "spec.servers[1].grpc.port: must be between 1 and 65535, got 70000",
            "spec.servers[3].grpc.port: port 9090 is already used by spec.servers[2].grpc.port",
            "spec.servers[4].grpc.port: is required");
  }

  @Test
  void emptyLists() {
    assertThat(problems(HEADER + "spec:\n  servers: []\n"))
        .containsExactly("spec.servers: must list at least one server");
    assertThat(problems(HEADER + "spec:\n  servers: [{name: rpc, grpc: {port: 1}, namespaces: []}]\n"))
        .containsExactly("spec.servers[0].namespaces: must list at least one namespace");
    assertThat(problems(HEADER + "spec:\n  servers: [{name: rpc, grpc: {port: 1}, namespaces: [{name: n, services: []}]}]\n"))
        .containsExactly("spec.servers[0].namespaces[0].services: must list at least one service");
    assertThat(problems(HEADER + "spec:\n  servers: [null]\n"))
        .containsExactly("spec.servers[0]: is empty; expected an object");
  }

  @Test
  void envelopeAndNames() {
    assertThat(problems("""
        apiVersion: v1
        kind: Pod
        metadata: {name: Greeter}
        spec:
          drainTimeoutSeconds: -1
          servers:
            - name: RPC_server
              kafka: {bootstrapServers: "localhost"}
              namespaces: [{name: "bad topic", services: [{name: hello, endpoint: ""}]}]
        """))
        .containsExactly(
            "apiVersion: must be microservice.dev/v1alpha1, got 'v1'",
            "kind: must be MicroService, got 'Pod'",
            "metadata.name: 'Greeter' is not a valid name: lower-case letters, digits and '-', at most 63 characters, starting with a letter",
            "spec.drainTimeoutSeconds: must be between 0 and 3600, got -1",
            "spec.servers[0].name: 'RPC_server' is not a valid name: lower-case letters, digits and '-', at most 15 characters, starting with a letter",
            "spec.servers[0].kafka.bootstrapServers: expected host:port entries separated by commas, got 'localhost'",
            "spec.servers[0].namespaces[0].name: 'bad topic' is not a valid name: letters, digits, '.', '_' and '-', at most 249 characters",
            "spec.servers[0].namespaces[0].services[0].endpoint: is required");
  }

  @Test
  void kafkaDelivery() {
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: events
              kafka: {bootstrapServers: "k:9092", delivery: exactly-once}
              %s
        """.formatted(NS)))
        .containsExactly("spec.servers[0].kafka.delivery: expected one of atLeastOnce, exactlyOnce, got 'exactly-once'");
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: events
              kafka:
                bootstrapServers: "k:9092"
                delivery: exactlyOnce
                properties: {isolation.level: read_uncommitted, transactional.id: mine}
              %s
        """.formatted(NS)))
        .containsExactlyInAnyOrder(
            "spec.servers[0].kafka.properties.transactional.id: managed by the runtime (set spec.servers[].kafka.delivery:"
                + " exactlyOnce; the id comes from the pod name); remove it",
            "spec.servers[0].kafka.properties.isolation.level: managed by the runtime with delivery exactlyOnce"
                + " (read_committed); remove it");
  }

  @Test
  void kafkaSettings() {
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: events
              kafka:
                bootstrapServers: "k:9092"
                groupId: " "
                groupProtocol: newest
                concurrency: 0
                retry: {maxAttempts: 0, initialBackoffMillis: 500, maxBackoffMillis: 100, multiplier: 0.5}
                deadLetter: {topic: "bad topic"}
                security:
                  protocol: SASL_PLAINTEXT
                  sasl: {mechanism: PLAIN, username: alice, password: {file: /a, env: B}}
                  tls: {truststore: {file: /t}}
              %s
        """.formatted(NS)))
        .containsExactly(
            "spec.servers[0].kafka.groupProtocol: expected one of auto, consumer, classic, got 'newest'",
            "spec.servers[0].kafka.concurrency: must be between 1 and 1024, got 0",
            "spec.servers[0].kafka.groupId: must not be blank; leave it out for the default",
            "spec.servers[0].kafka.retry.maxAttempts: must be between 1 and 100, got 0",
            "spec.servers[0].kafka.retry.maxBackoffMillis: must be at least initialBackoffMillis (500)",
            "spec.servers[0].kafka.retry.multiplier: must be 1 or more, got 0.5",
            "spec.servers[0].kafka.deadLetter.topic: 'bad topic' is not a valid topic name: letters, digits, '.', '_', '-' and '{topic}'",
            "spec.servers[0].kafka.security.sasl.password: set exactly one of 'secretKeyRef', 'file' or 'env'",
            "spec.servers[0].kafka.security.tls: needs protocol SSL or SASL_SSL, not SASL_PLAINTEXT");
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: events
              kafka:
                bootstrapServers: "k:9092"
                security: {protocol: SASL_SSL}
              %s
        """.formatted(NS)))
        .containsExactly("spec.servers[0].kafka.security.sasl: is required with protocol SASL_SSL");
  }

  @Test
  void kafkaDefaults() {
    Manifest m = ManifestParser.parse(HEADER + "spec:\n  servers:\n    - name: events\n      kafka: {bootstrapServers: 'k:9092'}\n      " + NS + "\n", "t");
    KafkaServerSpec kafka = m.getSpec().getServers().get(0).getKafka();
    assertThat(kafka.getGroupProtocol()).isEqualTo(GroupProtocol.AUTO);
    assertThat(kafka.getRetry().getMaxAttempts()).isEqualTo(3);
    assertThat(kafka.getDeadLetter().topicFor("orders")).isEqualTo("orders.dlq");
    assertThat(kafka.getConsumption()).isEqualTo(Consumption.GROUP);
    assertThat(kafka.getConcurrency()).isNull();
    assertThat(kafka.effectiveConcurrency()).isEqualTo(8);
  }

  @Test
  void shareConsumptionDefaultsToSixteenWorkers() {
    Manifest m = ManifestParser.parse(HEADER + "spec:\n  servers:\n    - name: events\n      kafka: {bootstrapServers: 'k:9092', consumption: share}\n      " + NS + "\n", "t");
    KafkaServerSpec kafka = m.getSpec().getServers().get(0).getKafka();
    assertThat(kafka.getConsumption()).isEqualTo(Consumption.SHARE);
    assertThat(kafka.effectiveConcurrency()).isEqualTo(16);
  }

  @Test
  void concurrencyOutOfRangeNamesThePath() {
    assertThat(problems(HEADER + "spec:\n  servers:\n    - name: events\n      kafka: {bootstrapServers: 'k:9092', consumption: share, concurrency: 2000}\n      " + NS + "\n"))
        .anyMatch(p -> p.startsWith("spec.servers[0].kafka.concurrency:"));
  }

  @Test
  void missingSpec() {
    assertThat(problems(HEADER)).containsExactly("spec: is required");
  }

  @Test
  void missingEndpointNamesTheAvailableOnes() {
    Manifest m = ManifestParser.parse(HEADER + """
        spec:
          servers:
            - {name: rpc, grpc: {port: 9090}, %s}
            - name: events
              kafka: {bootstrapServers: "localhost:9092"}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: helo}]}]
        """.formatted(NS), "test");
    List<Problem> problems = ManifestValidator.checkEndpoints(m.getSpec(), Set.of("hello"));
    assertThat(problems).map(Problem::toString).containsExactly(
        "spec.servers[1].namespaces[0].services[0].endpoint: no endpoint named 'helo'; available: hello");
    assertThat(ManifestValidator.checkEndpoints(m.getSpec(), Set.of()))
        .map(Problem::message).contains("no endpoint named 'hello'; available: (none found)");
  }

  @Test
  void theExampleIsValid() {
    Manifest m = ManifestParser.parse(Path.of("../examples/hello/microservice.yaml"));
    assertThat(ManifestValidator.validate(m)).isEmpty();
    assertThat(ManifestValidator.checkEndpoints(m.getSpec(), Set.of("hello"))).isEmpty();
  }
}
