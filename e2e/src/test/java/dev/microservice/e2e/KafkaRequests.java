package dev.microservice.e2e;

import dev.microservice.model.contract.KafkaHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Requests to the runtime over Kafka (topic greeter by default) with a reply-to topic (e2e-replies), and their replies. */
record KafkaRequests(String bootstrapServers, String topic, String repliesTopic) {
  static final String REPLIES = "e2e-replies";

  KafkaRequests(String bootstrapServers) {
    this(bootstrapServers, "greeter", REPLIES);
  }

  KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  static ProducerRecord<byte[], byte[]> request(String service, String payload, String correlationId) {
    return new KafkaRequests(null).to(service, payload, correlationId);
  }

  /** A request to this topic, answered on this reply topic. */
  ProducerRecord<byte[], byte[]> to(String service, String payload, String correlationId) {
    RecordHeaders h = new RecordHeaders();
    h.add(KafkaHeaderNames.SERVICE, service.getBytes(StandardCharsets.UTF_8));
    h.add(KafkaHeaderNames.REPLY_TO, repliesTopic.getBytes(StandardCharsets.UTF_8));
    h.add(KafkaHeaderNames.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, correlationId.getBytes(StandardCharsets.UTF_8),
        payload.getBytes(StandardCharsets.UTF_8), h);
  }

  /** @return every reply so far, by correlation id */
  Map<String, String> replies() {
    Map<String, String> replies = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
        "group.id", "e2e-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(repliesTopic));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < end) {
        c.poll(Duration.ofMillis(200)).forEach(r -> replies.put(
            new String(r.headers().lastHeader(KafkaHeaderNames.CORRELATION_ID).value(), StandardCharsets.UTF_8),
            r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
      }
    }
    return replies;
  }
}
