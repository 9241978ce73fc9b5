package dev.microservice.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microservice.model.GroupProtocol;
import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigTest {
  @TempDir Path tmp;

  static Manifest manifest(String namespace, String kafkaExtra) {
    return ManifestParser.parse("""
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: greeter%s}
        spec:
          servers:
            - name: events
              kafka:
                bootstrapServers: "k1:9092,k2:9092"
        %s
              namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]
        """.formatted(namespace == null ? "" : ", namespace: " + namespace, kafkaExtra.indent(8).stripTrailing()), "test");
  }

  static KafkaClientConfig config(Manifest m, Map<String, String> env) {
    ServerSpec server = m.getSpec().getServers().get(0);
    return KafkaClientConfig.build("spec.servers[0]", m, server, env);
  }

  @Test
  void groupDefaultsToNamespaceNameAndServer() {
    assertThat(config(manifest(null, ""), Map.of()).groupId()).isEqualTo("default.greeter.events");
    assertThat(config(manifest("shop", ""), Map.of()).groupId()).isEqualTo("shop.greeter.events");
    assertThat(config(manifest("shop", "groupId: custom"), Map.of()).groupId()).isEqualTo("custom");
  }

  @Test
  void exactlyOnceIsTransactionalPerPodAndReadsCommitted() {
    KafkaClientConfig eos = config(manifest("shop", "delivery: exactlyOnce"), Map.of("POD_NAME", "greeter-0"));
    assertThat(eos.producer(1024)).containsEntry("transactional.id", "shop.greeter.events.greeter-0");
    assertThat(eos.consumer(GroupProtocol.CLASSIC)).containsEntry("isolation.level", "read_committed");
    assertThat(config(manifest(null, "delivery: exactlyOnce"), Map.of("HOSTNAME", "laptop")).transactionalId())
        .as("msvc run without POD_NAME: the host name, the same after a restart").isEqualTo("default.greeter.events.laptop");
    KafkaClientConfig alo = config(manifest("shop", ""), Map.of("POD_NAME", "greeter-0"));
    assertThat(alo.producer(1024)).doesNotContainKey("transactional.id");
    assertThat(alo.consumer(GroupProtocol.CLASSIC)).doesNotContainKey("isolation.level");
  }

  @Test
  void consumerCommitsManuallyAndUsesPodNameForStaticMembership() {
    Map<String, Object> c = config(manifest("shop", ""), Map.of("POD_NAME", "greeter-7d9f-x2")).consumer(GroupProtocol.CONSUMER);
    assertThat(c).containsEntry("bootstrap.servers", "k1:9092,k2:9092")
        .containsEntry("group.id", "shop.greeter.events")
        .containsEntry("group.instance.id", "greeter-7d9f-x2")
        .containsEntry("group.protocol", "consumer")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("auto.offset.reset", "earliest")
        .doesNotContainKey("partition.assignment.strategy");
    Map<String, Object> classic = config(manifest("shop", ""), Map.of()).consumer(GroupProtocol.CLASSIC);
    assertThat(classic).doesNotContainKey("group.instance.id")
        .containsEntry("group.protocol", "classic")
        .containsEntry("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
  }

  @Test
  void passThroughPropertiesGoWhereTheyApply() {
    KafkaClientConfig config = config(manifest(null, "properties: {max.poll.records: '50', linger.ms: '7', client.dns.lookup: use_all_dns_ips}"), Map.of());
    assertThat(config.consumer(GroupProtocol.CONSUMER)).containsEntry("max.poll.records", "50").doesNotContainKey("linger.ms")
        .containsEntry("client.dns.lookup", "use_all_dns_ips");
    assertThat(config.producer(1024)).containsEntry("linger.ms", "7").doesNotContainKey("max.poll.records")
        .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
  }

  @Test
  void refusesUnknownManagedAndSecretProperties() {
    // The model refuses an unknown property when the manifest is parsed (RuntimeRulesParityTest); built in code, here.
    assertThatThrownBy(() -> config(withProperties(Map.of("max.poll.record", "50")), Map.of()))
        .isInstanceOf(StartupException.class)
        .hasMessage("spec.servers[0].kafka.properties.max.poll.record: not a Kafka consumer, producer or admin client property");
    // The validator refuses these when the manifest is parsed; a manifest changed in code is checked again here.
    assertThatThrownBy(() -> config(withProperties(Map.of("enable.auto.commit", "true")), Map.of()))
        .hasMessage("spec.servers[0].kafka.properties.enable.auto.commit: managed by the runtime (offsets are committed only after records are handled); remove it");
    assertThatThrownBy(() -> config(withProperties(Map.of("ssl.truststore.password", "hunter2")), Map.of()))
        .hasMessageStartingWith("spec.servers[0].kafka.properties.ssl.truststore.password: secret values must not be in the manifest")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> manifest(null, "properties: {ssl.key.password: hunter2, sasl.jaas.config: 'x password=\"hunter2\";'}"))
        .isInstanceOf(dev.microservice.model.ManifestException.class)
        .hasMessageContaining("spec.servers[0].kafka.properties.ssl.key.password: secret values must not be in the manifest")
        .hasMessageContaining("spec.servers[0].kafka.properties.sasl.jaas.config: secret values must not be in the manifest")
        .hasMessageNotContaining("hunter2");
  }

  static Manifest withProperties(Map<String, String> properties) {
    Manifest m = manifest(null, "");
    m.getSpec().getServers().get(0).getKafka().setProperties(properties);
    return m;
  }

  @Test
  void saslPasswordComesFromAFileOrTheEnvironmentAndStaysOutOfTheSummary() throws Exception {
    Path file = Files.writeString(tmp.resolve("pw"), "pa\"ss\\word\n");
    String sasl = "security: {protocol: SASL_SSL, sasl: {mechanism: SCRAM-SHA-512, username: bob, password: {file: '%s'}}}";
    KafkaClientConfig config = config(manifest(null, sasl.formatted(file)), Map.of());
    assertThat(config.consumer(GroupProtocol.CONSUMER))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"bob\" password=\"pa\\\"ss\\\\word\";");
    assertThat(config.summary()).contains("SCRAM-SHA-512 as 'bob'").doesNotContain("word");

    String fromEnv = "security: {protocol: SASL_PLAINTEXT, sasl: {username: bob, password: {env: KAFKA_PASSWORD}}}";
    assertThat(config(manifest(null, fromEnv), Map.of("KAFKA_PASSWORD", "envpw")).admin().get("sasl.jaas.config").toString())
        .contains("password=\"envpw\"");
    assertThatThrownBy(() -> config(manifest(null, fromEnv), Map.of()))
        .hasMessage("spec.servers[0].kafka.security.sasl.password.env: the environment variable KAFKA_PASSWORD is not set or empty");
  }

  @Test
  void backoffGrowsExponentiallyUpToTheMaximum() {
    Backoff b = new Backoff(4, java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(300), 2.0);
    assertThat(b.delayAfter(1)).hasMillis(100);
    assertThat(b.delayAfter(2)).hasMillis(200);
    assertThat(b.delayAfter(3)).hasMillis(300);
    assertThat(b.retries(3)).isTrue();
    assertThat(b.retries(4)).isFalse();
  }
}
