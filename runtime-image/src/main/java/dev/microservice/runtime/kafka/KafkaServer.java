package dev.microservice.runtime.kafka;

import dev.microservice.model.Delivery;
import dev.microservice.model.GroupProtocol;
import dev.microservice.model.KafkaServerSpec;
import dev.microservice.model.Manifest;
import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.Server;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.tracing.Tracing;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka server: one consumer group over the server's topics (its namespaces), at-least-once or
 * exactly-once handling with per-partition order, retries, dead letters and request-reply.
 */
public final class KafkaServer implements Server {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
  /** Room left in a produce request for a dead letter's key and headers. */
  private static final int REQUEST_HEADROOM = 64 * 1024;

  private final String path;
  private final ServerSpec spec;
  private final Router router;
  private final RuntimeMetrics metrics;
  private final KafkaClientConfig config;
  private final Tracing tracing;
  private final Duration drainTimeout;
  private KafkaProducer<byte[], byte[]> producer;
  private ExecutorService pool;
  private ScheduledExecutorService timer;
  private ConsumerLoop loop;
  private Thread thread;

  /**
   * Creates the server; reads its secrets and checks its client properties, but connects to
   * nothing before {@link #start()}.
   *
   * @param path the server's manifest path, for error messages
   * @param manifest the whole manifest (metadata names the default group; drain timeout)
   * @param spec the server's spec (its kafka part is set)
   * @param router its topics and services
   * @param metrics where outcomes are counted
   * @param env the environment: POD_NAME, secret variables
   * @param tracing starts each attempt's span
   */
  public KafkaServer(String path, Manifest manifest, ServerSpec spec, Router router, RuntimeMetrics metrics,
      Map<String, String> env, Tracing tracing) {
    this.path = path;
    this.spec = spec;
    this.router = router;
    this.metrics = metrics;
    this.config = KafkaClientConfig.build(path, manifest, spec, env);
    this.tracing = tracing;
    this.drainTimeout = Duration.ofSeconds(manifest.getSpec().getDrainTimeoutSeconds());
  }

  @Override
  public String name() {
    return spec.getName();
  }

  @Override
  public void start() throws IOException {
    KafkaServerSpec kafka = spec.getKafka();
    List<String> topics = List.copyOf(router.namespaces());
    GroupProtocol protocol;
    try (Admin admin = Admin.create(config.admin())) {
      KafkaStartupChecks checks = new KafkaStartupChecks(path, admin, config.summary());
      protocol = checks.groupProtocol(kafka.getGroupProtocol());
      checks.topics(topics, kafka.getDeadLetter());
    }
    boolean exactlyOnce = kafka.getDelivery() == Delivery.EXACTLY_ONCE;
    producer = new KafkaProducer<>(config.producer(kafka.getMaxMessageBytes()));
    if (exactlyOnce) {
      producer.initTransactions(); // fences an earlier instance of this pod and aborts its open transaction
    }
    pool = Executors.newFixedThreadPool(kafka.effectiveConcurrency(), threads("kafka-" + name() + "-worker"));
    timer = Executors.newSingleThreadScheduledExecutor(threads("kafka-" + name() + "-retry"));
    Replies replies = new Replies(producer, exactlyOnce);
    // In a transaction a dead letter Kafka refuses as too large would abort the batch: leave such values out up front.
    long deadLetterValueLimit = exactlyOnce ? KafkaClientConfig.maxRequestBytes(kafka.getMaxMessageBytes()) - REQUEST_HEADROOM
        : Long.MAX_VALUE;
    KafkaMetrics kafkaMetrics = KafkaMetrics.of(metrics.registry());
    DeadLetters deadLetters = new DeadLetters(name(), kafka.getDeadLetter(), replies, kafkaMetrics, deadLetterValueLimit);
    RecordHandler handler = RecordHandler.of(name(), router, kafka, config, deadLetters, replies, metrics, kafkaMetrics,
        tracing);
    Map<String, Object> consumerConfig = config.consumer(protocol);
    if (exactlyOnce) {
      loop = new TransactionalLoop(name(), () -> new KafkaConsumer<>(consumerConfig), producer, topics, handler, pool,
          kafkaMetrics);
    } else {
      loop = new PollLoop(name(), () -> new KafkaConsumer<>(consumerConfig), topics, tp -> new PartitionWorker(tp, handler, pool, timer),
          kafkaMetrics, drainTimeout);
    }
    thread = new Thread(loop, "kafka-" + name() + "-poll");
    thread.start();
    LOG.info("Kafka server '{}' consuming {} ({}, {} group protocol)", name(), topics, config.summary(),
        protocol.name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void stop() {
    if (loop != null) {
      loop.stop();
    }
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    if (thread == null) {
      return true;
    }
    thread.join(timeout.plusSeconds(12).toMillis());
    boolean clean = !thread.isAlive();
    pool.shutdownNow();
    timer.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    producer.close(Duration.ofSeconds(5));
    return clean;
  }

  @Override
  public boolean isServing() {
    return loop != null && loop.joined();
  }

  @Override
  public String failure() {
    Throwable failure = loop == null ? null : loop.failure();
    return failure == null ? null : "Kafka server '" + name() + "' failed: " + failure;
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
