package dev.microservice.bench;

import com.google.protobuf.ByteString;
import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.model.ManifestParser;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import dev.microservice.runtime.MicroserviceRuntime;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Tracing on (every request sampled, spans exported over OTLP/gRPC to an in-process receiver that
 * counts them) against tracing off (trace context only propagated), for gRPC calls and Kafka
 * records that all carry a {@code traceparent}. The ratio is on / off; the target is >= 0.90.
 */
final class TracingBench {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private final boolean quick;
  private final Path work;
  /** Every call made, warm-up included: each one is a sampled span when tracing is on. */
  private final LongAdder callsMade = new LongAdder();

  TracingBench(boolean quick, Path work) {
    this.quick = quick;
    this.work = work;
  }

  List<Result> run() throws Exception {
    List<Result> results = new ArrayList<>();
    try (SpanSink sink = new SpanSink()) {
      results.add(grpc(sink));
      results.add(kafka(sink));
    }
    return results;
  }

  /** Off/on pairs per benchmark: the machine is shared, so single runs swing; the medians are reported. */
  private static final int PAIRS = 5;

  /** One measured run, with tracing on (true) or off. */
  private interface Run {
    double run(boolean traced) throws Exception;
  }

  /**
   * After an uncounted warm-up of each (the first runs of a JVM are the slowest), alternates off and
   * on runs, in off-on-on-off order so that a drift favours neither; returns the median of each.
   */
  private double[] alternate(Run run) throws Exception {
    run.run(false);
    run.run(true);
    runs.clear();
    double[] off = new double[PAIRS];
    double[] on = new double[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      boolean onFirst = i % 2 == 1;
      if (onFirst) {
        on[i] = run.run(true);
      }
      off[i] = run.run(false);
      if (!onFirst) {
        on[i] = run.run(true);
      }
    }
    return new double[] {median(on), median(off)};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private final List<String> runs = new ArrayList<>();

  private double noted(String what, double value) {
    runs.add(String.format(Locale.ROOT, "%s%.0f", what, value));
    return value;
  }

  private String takeRuns() {
    String all = String.join(",", runs);
    runs.clear();
    return all;
  }

  private Result grpc(SpanSink sink) throws Exception {
    int concurrency = 8;
    long[] sampled = {0};
    long[] exported = {0};
    double[] medians = alternate(traced -> {
      long before = callsMade.sum();
      long exportedBefore = sink.spans();
      double v = noted(traced ? "on:" : "off:", grpcRun(traced ? sink.env() : Map.of(), concurrency));
      sampled[0] += traced ? callsMade.sum() - before : 0;
      exported[0] += sink.spans() - exportedBefore;
      return v;
    });
    return new Result("grpc", "traced-throughput", medians[0], medians[1], String.format(Locale.ROOT,
        "concurrency=%d payload=100B sampling=1.0 spans-exported=%d of %d (dropped %d) medians of %d runs each: %s"
            + " unit=calls/s baseline=tracing off", concurrency, exported[0], sampled[0], sampled[0] - exported[0], PAIRS, takeRuns()));
  }

  /** Calls/s of closed-loop clients against a runtime started with this environment. */
  private double grpcRun(Map<String, String> env, int concurrency) throws Exception {
    int port = Ports.free();
    String manifest = """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: bench-traced}
        spec:
          servers:
            - name: rpc
              grpc: {port: %d}
              namespaces: [{name: bench, services: [{name: echo, endpoint: echo}]}]
        """.formatted(port);
    try (MicroserviceRuntime runtime = new MicroserviceRuntime(ManifestParser.parse(manifest, "bench"),
        BenchEndpoints.jarDir(work.resolve("endpoints")), 0, env)) {
      runtime.start();
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        Metadata md = new Metadata();
        md.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), TRACEPARENT);
        var stub = MessageServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
        RPCMessage request = RPCMessage.newBuilder().setNamespace("bench").setService("echo")
            .setData(ByteString.copyFrom(new byte[100])).build();
        return closedLoop(concurrency, () -> stub.command(request));
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private double closedLoop(int concurrency, Runnable call) throws InterruptedException {
    LongAdder calls = new LongAdder();
    AtomicBoolean recording = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      Thread t = new Thread(() -> {
        while (running.get()) {
          call.run();
          callsMade.increment();
          if (recording.get()) {
            calls.increment();
          }
        }
        done.countDown();
      });
      t.setDaemon(true);
      t.start();
    }
    Thread.sleep(quick ? 2000 : 4000);
    recording.set(true);
    long start = System.nanoTime();
    Thread.sleep(quick ? 3000 : 8000);
    recording.set(false);
    double seconds = (System.nanoTime() - start) / 1e9;
    running.set(false);
    done.await();
    return calls.sum() / seconds;
  }

  private Result kafka(SpanSink sink) throws Exception {
    int records = quick ? 600_000 : 1_000_000; // 200k quick records were < 1 s of measuring: too noisy
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      kafka.createTopic("bench-traced", 4);
      fill(kafka, records);
      int[] run = {0};
      long[] exported = {0};
      double[] medians = alternate(traced -> {
        long exportedBefore = sink.spans();
        double v = noted(traced ? "on:" : "off:", kafkaRun(kafka, "traced-" + run[0]++, traced ? sink.env() : Map.of(), records));
        exported[0] += sink.spans() - exportedBefore;
        return v;
      });
      long sampled = (long) (PAIRS + 1) * records;
      return new Result("kafka", "traced-throughput", medians[0], medians[1], String.format(Locale.ROOT,
          "records=%d size=100B partitions=4 sampling=1.0 spans-exported=%d of %d (dropped %d) medians of %d runs each: %s"
              + " unit=records/s baseline=tracing off", records, exported[0], sampled, sampled - exported[0], PAIRS, takeRuns()));
    }
  }

  private static void fill(EmbeddedKafka kafka, int records) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "linger.ms", 20, "batch.size", 262_144, "acks", "1"), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        RecordHeaders h = new RecordHeaders();
        h.add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        p.send(new ProducerRecord<>("bench-traced", null, ("k" + i).getBytes(StandardCharsets.UTF_8), new byte[100], h));
      }
      p.flush();
    }
  }

  /**
   * Records/s of a runtime with a no-op endpoint, from when a tenth of the records are committed to
   * when all are (so that joining the group is not part of it).
   */
  private double kafkaRun(EmbeddedKafka kafka, String group, Map<String, String> env, int records) throws Exception {
    String manifest = """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: bench-traced}
        spec:
          servers:
            - name: events
              kafka: {bootstrapServers: "%s", groupId: %s}
              namespaces: [{name: bench-traced, services: [{name: noop, endpoint: noop}]}]
        """.formatted(kafka.bootstrapServers(), group);
    try (MicroserviceRuntime rt = new MicroserviceRuntime(ManifestParser.parse(manifest, "bench"),
        BenchEndpoints.jarDir(work.resolve("endpoints")), 0, env); Admin admin = kafka.admin()) {
      rt.start();
      long from = records / 10;
      while (committed(admin, group) < from) {
        Thread.sleep(5);
      }
      long start = System.nanoTime();
      long startCount = committed(admin, group);
      while (committed(admin, group) < records) {
        Thread.sleep(5);
      }
      return (records - startCount) * 1e9 / (System.nanoTime() - start);
    }
  }

  private static long committed(Admin admin, String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
        .get(10, TimeUnit.SECONDS);
    return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
  }
}
