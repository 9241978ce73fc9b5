package dev.microservice.cli;

import dev.microservice.model.contract.KafkaHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code msvc send kafka}: produces one request record and, with --reply, prints its reply. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "Produce one record (header service=<service>) and, with --reply, wait for its reply.")
final class SendKafkaCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--bootstrap", defaultValue = "localhost:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(names = "--reply", description = "Ask for a reply (reply-to and correlation-id headers) and print it.")
  boolean reply;

  @Option(names = "--reply-topic", defaultValue = "msvc-replies", description = "Topic replies come back on (default: ${DEFAULT-VALUE}).")
  String replyTopic;

  @Option(names = "--key", description = "Record key (default: none).")
  String key;

  @Mixin SendArguments args;

  @Override
  public Integer call() throws Exception {
    Target t = args.target();
    Duration wait = args.timeout();
    try (LocalKafka kafka = LocalKafka.remote(bootstrap, wait)) {
      if (reply) {
        kafka.createTopics(List.of(replyTopic));
      }
      try (KafkaConsumer<byte[], byte[]> replies = reply ? replyConsumer(wait) : null;
          KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
              "max.block.ms", (int) wait.toMillis(), "request.timeout.ms", (int) wait.toMillis(),
              "delivery.timeout.ms", (int) wait.toMillis() + 1000), new ByteArraySerializer(), new ByteArraySerializer())) {
        String correlationId = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaHeaderNames.SERVICE, t.service().getBytes(StandardCharsets.UTF_8));
        if (reply) {
          headers.add(KafkaHeaderNames.REPLY_TO, replyTopic.getBytes(StandardCharsets.UTF_8));
          headers.add(KafkaHeaderNames.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        RecordMetadata sent = producer.send(new ProducerRecord<>(t.namespace(), null,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8), args.payload.getBytes(StandardCharsets.UTF_8), headers))
            .get(wait.toMillis() + 2000, TimeUnit.MILLISECONDS);
        if (!reply) {
          spec.commandLine().getErr().println("sent to " + sent.topic() + "-" + sent.partition() + "@" + sent.offset());
          return 0;
        }
        spec.commandLine().getOut().println(awaitReply(replies, correlationId, wait));
        return 0;
      }
    }
  }

  private KafkaConsumer<byte[], byte[]> replyConsumer(Duration wait) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
        "enable.auto.commit", false, "default.api.timeout.ms", (int) wait.toMillis()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(replyTopic, wait).stream()
        .map(p -> new TopicPartition(replyTopic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fix the start before the request goes out
    return consumer;
  }

  private String awaitReply(KafkaConsumer<byte[], byte[]> replies, String correlationId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : replies.poll(Duration.ofMillis(100))) {
        if (correlationId.equals(header(r, KafkaHeaderNames.CORRELATION_ID))) {
          String error = header(r, KafkaHeaderNames.ERROR);
          if (error != null) {
            throw new CliException("the service failed: " + error);
          }
          return r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new CliException("no reply on " + replyTopic + " within " + args.timeout + " (is './msvc run' running, and does " + args.target + " reply?)");
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
