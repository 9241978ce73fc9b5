package dev.microservice.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microservice.model.KafkaClientProperties;
import dev.microservice.model.Manifest;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.runtime.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's list of Kafka client properties is the runtime's kafka-clients' own, and the runtime applies the model's rules. */
class KafkaClientPropertiesTest {
  @Test
  void theModelKnowsExactlyTheClientsPropertiesWithTheirTypes() {
    Map<String, String> clients = new TreeMap<>();
    Stream.of(ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef())
        .forEach(d -> d.configKeys().forEach((k, v) -> clients.put(k, v.type.name())));
    assertThat(new TreeMap<>(KafkaClientProperties.types())).isEqualTo(clients);
  }

  @Test
  void theKafkaClientsRefuseAPemTrustStoreWithAPasswordAsTheModelDoes(@TempDir Path tmp) throws Exception {
    Path ca = Files.writeString(tmp.resolve("ca.pem"), "not read: the password is refused first\n");
    Manifest m = KafkaClientConfigTest.manifest(null,
        "security: {protocol: SSL, tls: {truststore: {file: '%s'}, truststoreType: PEM}}".formatted(ca));
    SecretValueSpec password = new SecretValueSpec();
    password.setEnv("TRUSTSTORE_PASSWORD"); // the model refuses this manifest (RuntimeRulesTest); built in code, the clients do
    m.getSpec().getServers().get(0).getKafka().getSecurity().getTls().setTruststorePassword(password);
    KafkaClientConfig config = KafkaClientConfigTest.config(m, Map.of("TRUSTSTORE_PASSWORD", "x"));
    Map<String, Object> admin = new java.util.HashMap<>(config.admin());
    admin.put("bootstrap.servers", "127.0.0.1:9"); // resolvable; never reached
    assertThatThrownBy(() -> Admin.create(admin).close())
        .rootCause().hasMessageContaining("SSL trust store password cannot be specified for PEM format");
  }

  @Test
  void aValueOfTheWrongTypeStopsTheStartWithItsPath() {
    assertThatThrownBy(() -> KafkaClientConfigTest.config(KafkaClientConfigTest.withProperties(Map.of("max.poll.records", "many")), Map.of()))
        .isInstanceOf(StartupException.class)
        .hasMessage("spec.servers[0].kafka.properties.max.poll.records: must be a whole number from -2147483648 to 2147483647, got 'many'");
  }
}
