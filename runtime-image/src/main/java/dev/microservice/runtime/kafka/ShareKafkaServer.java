package dev.microservice.runtime.kafka;

import dev.microservice.model.KafkaServerSpec;
import dev.microservice.model.Manifest;
import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.Server;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.tracing.Tracing;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka server with {@code consumption: share}: a share group (KIP-932) over the server's topics, with
 * {@code concurrency} workers per pod, each acknowledging record by record; no per-partition order.
 */
public final class ShareKafkaServer implements Server {
  private static final Logger LOG = LoggerFactory.getLogger(ShareKafkaServer.class);

  private final String path;
  private final ServerSpec spec;
  private final Router router;
  private final RuntimeMetrics metrics;
  private final KafkaClientConfig config;
  private final Tracing tracing;
  private final List<ShareWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private KafkaProducer<byte[], byte[]> producer;

  /** Like {@link KafkaServer#KafkaServer}: reads secrets and checks properties, connects to nothing yet. */
  public ShareKafkaServer(String path, Manifest manifest, ServerSpec spec, Router router, RuntimeMetrics metrics,
      Map<String, String> env, Tracing tracing) {
    this.path = path;
    this.spec = spec;
    this.router = router;
    this.metrics = metrics;
    this.config = KafkaClientConfig.build(path, manifest, spec, env);
    this.tracing = tracing;
  }

  @Override
  public String name() {
    return spec.getName();
  }

  @Override
  public void start() throws IOException {
    KafkaServerSpec kafka = spec.getKafka();
    List<String> topics = List.copyOf(router.namespaces());
    try (Admin admin = Admin.create(config.admin())) {
      new KafkaStartupChecks(path, admin, config.summary()).topics(topics, kafka.getDeadLetter());
      ShareGroupStart.fromEarliest(admin, config.groupId());
    }
    producer = new KafkaProducer<>(config.producer(kafka.getMaxMessageBytes()));
    KafkaMetrics kafkaMetrics = KafkaMetrics.of(metrics.registry());
    Replies replies = new Replies(producer);
    RecordHandler handler = RecordHandler.of(name(), router, kafka, config,
        new DeadLetters(name(), kafka.getDeadLetter(), replies, kafkaMetrics), replies, metrics, kafkaMetrics, tracing);
    ShareMetrics shareMetrics = ShareMetrics.of(metrics.registry());
    int concurrency = kafka.effectiveConcurrency();
    for (int i = 1; i <= concurrency; i++) {
      Map<String, Object> consumerConfig = ShareConsumerConfig.of(config, i);
      ShareWorker worker = new ShareWorker(name(), () -> new KafkaShareConsumer<>(consumerConfig), topics, handler,
          shareMetrics);
      Thread thread = new Thread(worker, "kafka-" + name() + "-share-" + i);
      thread.setDaemon(true);
      workers.add(worker);
      threads.add(thread);
      thread.start();
    }
    LOG.info("Kafka server '{}' consuming {} ({}, share group, {} workers)", name(), topics, config.summary(), concurrency);
  }

  @Override
  public void stop() {
    workers.forEach(ShareWorker::stop);
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.plusSeconds(10).toNanos();
    boolean clean = true;
    for (Thread thread : threads) {
      thread.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
      clean &= !thread.isAlive();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    return clean;
  }

  @Override
  public boolean isServing() {
    return !workers.isEmpty() && workers.stream().allMatch(ShareWorker::serving);
  }

  @Override
  public String failure() {
    return workers.stream().map(ShareWorker::failure).filter(Objects::nonNull).findFirst()
        .map(f -> "Kafka server '" + name() + "' failed: " + f).orElse(null);
  }
}
