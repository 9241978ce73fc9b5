package dev.microservice.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Produces and consumes through a real in-process broker: an integration test. */
class EmbeddedKafkaIT {
  @Test
  void producesAndConsumesThroughARealBroker() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      kafka.createTopic("t", 2);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("t", "k", "v")).get();
      }
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "group.id", "g", "auto.offset.reset", "earliest", "group.protocol", "consumer"),
          new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("t"));
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.isEmpty() && System.nanoTime() < end) {
          records = consumer.poll(Duration.ofMillis(200));
        }
        assertThat(records.iterator().next().value()).isEqualTo("v");
      }
    }
  }

  @Test
  void shareGroupsAreEnabled() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      kafka.createTopic("q", 1);
      kafka.admin().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, "sg"), List.of(
          new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
          .all().get();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("q", "k", "v")).get();
      }
      try (KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "group.id", "sg", "share.acknowledgement.mode", "explicit"),
          new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("q"));
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.isEmpty() && System.nanoTime() < end) {
          records = consumer.poll(Duration.ofMillis(200));
        }
        ConsumerRecord<String, String> record = records.iterator().next();
        assertThat(record.value()).isEqualTo("v");
        assertThat(record.deliveryCount()).contains((short) 1);
        consumer.acknowledge(record, AcknowledgeType.ACCEPT);
        assertThat(consumer.commitSync().values()).allMatch(java.util.Optional::isEmpty);
      }
    }
  }
}
