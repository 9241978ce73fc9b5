package dev.microservice.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microservice.model.KafkaClientProperties;
import dev.microservice.runtime.StartupException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

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
  void aValueOfTheWrongTypeStopsTheStartWithItsPath() {
    assertThatThrownBy(() -> KafkaClientConfigTest.config(KafkaClientConfigTest.withProperties(Map.of("max.poll.records", "many")), Map.of()))
        .isInstanceOf(StartupException.class)
        .hasMessage("spec.servers[0].kafka.properties.max.poll.records: must be a whole number from -2147483648 to 2147483647, got 'many'");
  }
}
