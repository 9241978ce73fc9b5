package dev.microservice.runtime;

import static dev.microservice.runtime.kafka.KafkaTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.runtime.kafka.KafkaTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SASL/PLAIN against a broker's SASL_PLAINTEXT listener, the password read from a file. */
class KafkaSecurityIT {
  private static final String PASSWORD = "s3cr3t-Alice-Pw";
  private static final String WRONG = "n0t-the-Pw-42";
  static EmbeddedKafka kafka;
  static Path jars;

  @TempDir Path tmp;

  @BeforeAll
  static void broker() {
    kafka = EmbeddedKafka.builder().saslPlainUser("alice", PASSWORD).start();
    jars = TestEndpointsJar.build(Path.of("target/it-endpoints/kafka-security"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private Path manifest(String topic, String passwordFile) throws Exception {
    String security = """
        security:
          protocol: SASL_PLAINTEXT
          sasl:
            mechanism: PLAIN
            username: alice
            password: {file: "%s"}""".formatted(passwordFile);
    return Files.writeString(tmp.resolve(topic + ".yaml"), KafkaTestSupport.manifest(kafka.saslBootstrapServers(), topic, security));
  }

  private RuntimeProcess start(String name, Path manifest, int mgmt) {
    return RuntimeProcess.start(name, "--manifest", manifest.toString(), "--endpoints", jars.toString(),
        "--management-port", String.valueOf(mgmt));
  }

  @Test
  void authenticatesWithAPasswordFromAFileAndNeverLogsIt() throws Exception {
    kafka.createTopic("secure", 1);
    kafka.createTopic("secure-replies", 1);
    Path passwordFile = Files.writeString(tmp.resolve("password"), PASSWORD + "\n");
    int mgmt = TestSupport.freePort();
    try (RuntimeProcess rt = start("kafka-sasl-ok", manifest("secure", passwordFile.toString()), mgmt)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.statusOf(mgmt, "/readyz") == 200);
      try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
        producer.send(request("secure", 0, "k", "echo", "over SASL", "secure-replies", "sasl-1")).get();
      }
      List<ConsumerRecord<byte[], byte[]>> replies = KafkaTestSupport.readUntil(kafka.bootstrapServers(), "secure-replies",
          Duration.ofSeconds(30), all -> !all.isEmpty());
      assertThat(replies).extracting(KafkaTestSupport::value).containsExactly("over SASL");
      rt.sigterm();
      assertThat(rt.exitCode(Duration.ofSeconds(40))).isZero();
      assertThat(rt.output()).contains("SASL_PLAINTEXT (PLAIN as 'alice')").doesNotContain(PASSWORD);
    }
  }

  @Test
  void wrongPasswordFailsAtStartWithoutShowingIt() throws Exception {
    Path passwordFile = Files.writeString(tmp.resolve("wrong"), WRONG);
    try (RuntimeProcess rt = start("kafka-sasl-wrong", manifest("wrong", passwordFile.toString()), TestSupport.freePort())) {
      assertThat(rt.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(rt.output())
          .contains("spec.servers[0].kafka.security: authentication failed")
          .contains("as 'alice'")
          .doesNotContain(WRONG).doesNotContain(PASSWORD);
    }
  }

  @Test
  void missingSecretFileFailsAtStart() throws Exception {
    Path missing = tmp.resolve("no-such-password");
    try (RuntimeProcess rt = start("kafka-sasl-missing", manifest("missing", missing.toString()), TestSupport.freePort())) {
      assertThat(rt.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(rt.output()).contains(
          "spec.servers[0].kafka.security.sasl.password.file: cannot read the secret file: it does not exist")
          .doesNotContain(missing.toString());
    }
  }

  @Test
  void secretInClientPropertiesIsRefused() throws Exception {
    Path manifest = Files.writeString(tmp.resolve("inline.yaml"), KafkaTestSupport.manifest(kafka.bootstrapServers(), "inline",
        "properties: {sasl.jaas.config: \"org.apache.kafka.common.security.plain.PlainLoginModule required password='" + WRONG + "';\"}"));
    try (RuntimeProcess rt = start("kafka-inline-secret", manifest, TestSupport.freePort())) {
      assertThat(rt.exitCode(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(rt.output())
          .contains("spec.servers[0].kafka.properties.sasl.jaas.config: secret values must not be in the manifest")
          .doesNotContain(WRONG);
    }
  }

}
