package dev.microservice.runtime.kafka;

import dev.microservice.model.contract.KafkaHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing requests and collecting replies or dead letters against a test broker. */
public final class KafkaTestSupport {
  private KafkaTestSupport() {}

  /** A Kafka server manifest over one topic whose services map to the test endpoints. */
  public static String manifest(String bootstrap, String topic, String extraKafka) {
    return """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: kafka-test}
        spec:
          drainTimeoutSeconds: 20
          servers:
            - name: events
              kafka:
                bootstrapServers: "%s"
                groupId: "group-%s"
                maxMessageBytes: 65536
                retry: {maxAttempts: 3, initialBackoffMillis: 50, maxBackoffMillis: 200}
        %s
              namespaces:
                - name: %s
                  services:
                    - {name: echo, endpoint: echo}
                    - {name: echo-env, endpoint: echo}
                    - {name: fail, endpoint: fail}
                    - {name: flaky, endpoint: flaky}
                    - {name: slow, endpoint: slow}
        """.formatted(bootstrap, topic, extraKafka.indent(8).stripTrailing(), topic);
  }

  public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 5, "acks", "all"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A request record; null service means no service header. */
  public static ProducerRecord<byte[], byte[]> request(String topic, Integer partition, String key, String service,
      String value, String replyTo, String correlationId) {
    RecordHeaders headers = new RecordHeaders();
    if (service != null) {
      headers.add(KafkaHeaderNames.SERVICE, utf8(service));
    }
    if (replyTo != null) {
      headers.add(KafkaHeaderNames.REPLY_TO, utf8(replyTo));
    }
    if (correlationId != null) {
      headers.add(KafkaHeaderNames.CORRELATION_ID, utf8(correlationId));
    }
    return new ProducerRecord<>(topic, partition, key == null ? null : utf8(key), value == null ? null : utf8(value), headers);
  }

  /** Reads a topic from the beginning until the predicate holds for what was read, or the timeout. */
  public static List<ConsumerRecord<byte[], byte[]>> readUntil(String bootstrap, String topic, Duration timeout,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
        "group.id", "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest", "enable.auto.commit", false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long end = System.nanoTime() + timeout.toNanos();
      while (!done.test(all) && System.nanoTime() < end) {
        c.poll(Duration.ofMillis(100)).forEach(all::add);
      }
    }
    return all;
  }

  public static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  public static String value(ConsumerRecord<byte[], byte[]> r) {
    return r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
