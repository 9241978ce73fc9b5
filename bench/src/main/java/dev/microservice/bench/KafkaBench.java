package dev.microservice.bench;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.MicroserviceRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records/s: the runtime with a no-op endpoint vs. a hand-written consumer loop that commits after
 * handling; and request-reply round trips at a fixed rate, runtime vs. a hand-written reply loop.
 */
final class KafkaBench {
  private final boolean quick;
  private final Path work;

  KafkaBench(boolean quick, Path work) {
    this.quick = quick;
    this.work = work;
  }

  List<Result> run() throws Exception {
    List<Result> results = new ArrayList<>();
    int records = quick ? 200_000 : 1_000_000;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      kafka.createTopic("bench-in", 4);
      fill(kafka, "bench-in", records);
      double baseline = records * 1e9 / baselineConsume(kafka, records).toNanos();
      double ours = records * 1e9 / runtimeConsume(kafka, records).toNanos();
      results.add(new Result("kafka", "throughput", ours, baseline, "records=" + records + " size=100B partitions=4 unit=records/s"));
      results.add(exactlyOnceRatio(kafka, quick ? 100_000 : 1_000_000));
      int rate = 200;
      Duration duration = Duration.ofSeconds(quick ? 5 : 15);
      long[] base = roundTrips(kafka, "bench-rr-baseline", rate, duration, this::startBaselineReplier);
      long[] mine = roundTrips(kafka, "bench-rr-runtime", rate, duration, this::startRuntimeReplier);
      String params = "rate=" + rate + "/s duration=" + duration.toSeconds() + "s unit=ms";
      results.add(new Result("kafka", "p50", Latencies.percentileMillis(mine, 50), Latencies.percentileMillis(base, 50), "request-reply " + params));
      results.add(new Result("kafka", "p99", Latencies.percentileMillis(mine, 99), Latencies.percentileMillis(base, 99), "request-reply " + params));
    }
    return results;
  }

  private static void fill(EmbeddedKafka kafka, String topic, int records) throws Exception {
    byte[] value = new byte[100];
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "linger.ms", 20, "batch.size", 262_144, "acks", "1"), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        p.send(new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8), value));
      }
      p.flush();
    }
  }

  /** Consume and commit after handling, one poll at a time: what a careful hand-written service does. */
  private static Duration baselineConsume(EmbeddedKafka kafka, int records) {
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "baseline", "group.protocol", "consumer", "enable.auto.commit", false, "auto.offset.reset", "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of("bench-in"));
      long handled = 0;
      long checksum = 0;
      while (handled < records) {
        ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          checksum += r.value().length; // the "no-op" handling
          handled++;
        }
        if (!batch.isEmpty()) {
          c.commitAsync();
        }
      }
      c.commitSync();
      if (checksum < 0) {
        throw new IllegalStateException();
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private Duration runtimeConsume(EmbeddedKafka kafka, int records) throws Exception {
    String manifest = """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: bench}
        spec:
          servers:
            - name: events
              kafka: {bootstrapServers: "%s", groupId: runtime}
              namespaces: [{name: bench-in, services: [{name: noop, endpoint: noop}]}]
        """.formatted(kafka.bootstrapServers());
    long start = System.nanoTime();
    try (MicroserviceRuntime rt = new MicroserviceRuntime(ManifestParser.parse(manifest, "bench"),
        BenchEndpoints.jarDir(work.resolve("endpoints")), 0); Admin admin = kafka.admin()) {
      rt.start();
      while (committed(admin, "runtime") < records) {
        Thread.sleep(20);
      }
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  /**
   * Request-reply throughput with delivery exactlyOnce against atLeastOnce, over the same request
   * records (read by two consumer groups one after the other).
   */
  private Result exactlyOnceRatio(EmbeddedKafka kafka, int records) throws Exception {
    kafka.createTopic("bench-eos", 4);
    kafka.createTopic("bench-eos-replies", 4);
    RecordHeaders h = new RecordHeaders();
    h.add(KafkaHeaderNames.SERVICE, "echo".getBytes(StandardCharsets.UTF_8));
    h.add(KafkaHeaderNames.REPLY_TO, "bench-eos-replies".getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "linger.ms", 20, "batch.size", 262_144, "acks", "1"), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        RecordHeaders headers = new RecordHeaders(h.toArray());
        headers.add(KafkaHeaderNames.CORRELATION_ID, ("c" + i).getBytes(StandardCharsets.UTF_8));
        p.send(new ProducerRecord<>("bench-eos", null, ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[100], headers));
      }
      p.flush();
    }
    double atLeastOnce = records * 1e9 / requestReply(kafka, "rr-alo", "atLeastOnce", records).toNanos();
    double exactlyOnce = records * 1e9 / requestReply(kafka, "rr-eos", "exactlyOnce", records).toNanos();
    return new Result("kafka", "exactly-once-rr", exactlyOnce, atLeastOnce,
        "request-reply records=" + records + " size=100B partitions=4 unit=records/s baseline=atLeastOnce");
  }

  private Duration requestReply(EmbeddedKafka kafka, String group, String delivery, int records) throws Exception {
    String manifest = """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: bench-%s}
        spec:
          servers:
            - name: events
              kafka: {bootstrapServers: "%s", groupId: %s, delivery: %s}
              namespaces: [{name: bench-eos, services: [{name: echo, endpoint: echo}]}]
        """.formatted(group, kafka.bootstrapServers(), group, delivery);
    long start = System.nanoTime();
    try (MicroserviceRuntime rt = new MicroserviceRuntime(ManifestParser.parse(manifest, "bench"),
        BenchEndpoints.jarDir(work.resolve("endpoints")), 0); Admin admin = kafka.admin()) {
      rt.start();
      while (committed(admin, group) < records) {
        Thread.sleep(20);
      }
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  private static long committed(Admin admin, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS);
    return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
  }

  /** Something that answers requests on a topic until closed. */
  interface Replier extends AutoCloseable {}

  private Replier startRuntimeReplier(EmbeddedKafka kafka, String topic) throws Exception {
    String manifest = """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: bench-rr}
        spec:
          servers:
            - name: events
              kafka: {bootstrapServers: "%s", groupId: runtime-rr}
              namespaces: [{name: %s, services: [{name: echo, endpoint: echo}]}]
        """.formatted(kafka.bootstrapServers(), topic);
    MicroserviceRuntime rt = new MicroserviceRuntime(ManifestParser.parse(manifest, "bench"), BenchEndpoints.jarDir(work.resolve("endpoints")), 0);
    rt.start();
    while (rt.notReadyReason() != null) {
      Thread.sleep(20);
    }
    return rt::close;
  }

  /** The baseline replier: poll, reply (waiting for the ack), commit. */
  private Replier startBaselineReplier(EmbeddedKafka kafka, String topic) {
    var running = new java.util.concurrent.atomic.AtomicBoolean(true);
    var joined = new java.util.concurrent.CountDownLatch(1);
    Thread t = new Thread(() -> {
      try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
          "group.id", "baseline-rr", "group.protocol", "consumer", "enable.auto.commit", false, "auto.offset.reset", "latest"),
          new ByteArrayDeserializer(), new ByteArrayDeserializer());
          KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
              "linger.ms", 0), new ByteArraySerializer(), new ByteArraySerializer())) {
        c.subscribe(List.of(topic));
        while (running.get()) {
          ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(50));
          if (!c.assignment().isEmpty()) {
            joined.countDown();
          }
          for (ConsumerRecord<byte[], byte[]> r : batch) {
            RecordHeaders h = new RecordHeaders();
            h.add(KafkaHeaderNames.CORRELATION_ID, r.headers().lastHeader(KafkaHeaderNames.CORRELATION_ID).value());
            String replyTo = new String(r.headers().lastHeader(KafkaHeaderNames.REPLY_TO).value(), StandardCharsets.UTF_8);
            p.send(new ProducerRecord<>(replyTo, null, r.key(), r.value(), h)).get();
          }
          if (!batch.isEmpty()) {
            c.commitSync();
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "baseline-replier");
    t.start();
    try {
      joined.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return () -> {
      running.set(false);
      t.join();
    };
  }

  /** Creates a replier for a topic. */
  interface ReplierFactory {
    Replier start(EmbeddedKafka kafka, String topic) throws Exception;
  }

  /** Sends requests at a fixed rate and measures each until its reply arrives. */
  private static long[] roundTrips(EmbeddedKafka kafka, String topic, int rate, Duration duration, ReplierFactory replier) throws Exception {
    kafka.createTopic(topic, 4);
    kafka.createTopic(topic + "-replies", 1);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Latencies latencies = new Latencies();
    try (Replier r = replier.start(kafka, topic);
        KafkaConsumer<byte[], byte[]> replies = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 0),
            new ByteArraySerializer(), new ByteArraySerializer())) {
      TopicPartition tp = new TopicPartition(topic + "-replies", 0);
      replies.assign(List.of(tp));
      replies.seekToEnd(List.of(tp));
      replies.position(tp);
      int total = (int) (rate * duration.toSeconds());
      long interval = 1_000_000_000L / rate;
      long begin = System.nanoTime();
      int sent = 0;
      while (latencies.size() < total && System.nanoTime() - begin < duration.toNanos() * 3) {
        while (sent < total && System.nanoTime() >= begin + sent * interval) {
          String id = topic + "-" + sent;
          RecordHeaders h = new RecordHeaders();
          h.add(KafkaHeaderNames.SERVICE, "echo".getBytes(StandardCharsets.UTF_8));
          h.add(KafkaHeaderNames.REPLY_TO, (topic + "-replies").getBytes(StandardCharsets.UTF_8));
          h.add(KafkaHeaderNames.CORRELATION_ID, id.getBytes(StandardCharsets.UTF_8));
          sentAt.put(id, System.nanoTime());
          p.send(new ProducerRecord<>(topic, null, id.getBytes(StandardCharsets.UTF_8), new byte[100], h));
          sent++;
        }
        for (ConsumerRecord<byte[], byte[]> reply : replies.poll(Duration.ofMillis(1))) {
          Long at = sentAt.remove(new String(reply.headers().lastHeader(KafkaHeaderNames.CORRELATION_ID).value(), StandardCharsets.UTF_8));
          if (at != null) {
            latencies.add(System.nanoTime() - at);
          }
        }
      }
    }
    return Latencies.merged(List.of(latencies));
  }
}
