package dev.microservice.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.DeadLetterSpec;
import dev.microservice.model.NamespaceSpec;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.ServiceSpec;
import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.TestEndpointsJar;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionalLoopTest {
  private static final TopicPartition TP = new TopicPartition("orders", 0);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private TransactionalLoop loop;
  private Thread thread;

  @BeforeEach
  void start() {
    NamespaceSpec ns = new NamespaceSpec();
    ns.setName("orders");
    ns.setServices(List.of(new ServiceSpec("echo", "echo")));
    ServerSpec server = new ServerSpec();
    server.setName("events");
    server.setNamespaces(List.of(ns));
    RuntimeMetrics metrics = new RuntimeMetrics();
    RecordHandler handler = new RecordHandler("events", new Router(server, TestEndpointsJar.catalog()), 65536,
        new Backoff(3, Duration.ZERO, Duration.ZERO, 1.0), new DeadLetterSpec(), new Replies(producer, true), metrics,
        KafkaMetrics.of(metrics.registry()));
    producer.initTransactions();
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    consumer.updateEndOffsets(Map.of(TP, 0L));
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP)));
    loop = new TransactionalLoop("events", () -> consumer, producer, List.of("orders"), handler, pool, KafkaMetrics.of(metrics.registry()));
  }

  @AfterEach
  void stop() throws InterruptedException {
    loop.stop();
    thread.join(5_000);
    pool.shutdownNow();
  }

  @Test
  void aBatchCommitsItsRepliesAndOffsetsInOneTransaction() {
    addRequests(0, 3);
    run();
    await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset() == 3L);
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("replies", "replies", "replies");
    assertThat(producer.transactionCommitted()).isTrue();
  }

  @Test
  void anAbortedTransactionRewindsTheBatchAndHandlesItAgain() {
    producer.commitTransactionException = new KafkaException("coordinator moved");
    addRequests(0, 3);
    run();
    await().atMost(Duration.ofSeconds(10)).until(producer::transactionAborted);
    assertThat(producer.history()).as("nothing of the aborted batch is visible").isEmpty();
    assertThat(consumer.position(TP)).as("rewound to the batch's first record").isZero();
    producer.commitTransactionException = null;
    addRequests(0, 3);
    await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset() == 3L);
    assertThat(producer.history()).hasSize(3);
    assertThat(loop.failure()).isNull();
  }

  @Test
  void aFencedProducerStopsTheServer() {
    producer.fenceProducer();
    addRequests(0, 1);
    run();
    await().atMost(Duration.ofSeconds(10)).until(() -> loop.failure() != null);
    assertThat(TransactionFailures.fatal(loop.failure())).isTrue();
    assertThat(TransactionFailures.fatal(new KafkaException("x", new ProducerFencedException("newer epoch")))).isTrue();
    assertThat(TransactionFailures.fatal(new KafkaException("coordinator moved"))).isFalse();
  }

  private void run() {
    thread = new Thread(loop, "test-transactional-loop");
    thread.start();
  }

  private long committedOffset() {
    return producer.consumerGroupOffsetsHistory().stream().flatMap(m -> m.values().stream())
        .flatMap(m -> m.entrySet().stream()).filter(e -> e.getKey().equals(TP))
        .mapToLong(e -> e.getValue().offset()).max().orElse(-1);
  }

  private void addRequests(int from, int to) {
    consumer.schedulePollTask(() -> {
      for (int i = from; i < to; i++) {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("orders", 0, i, utf8("k" + i), utf8("v" + i));
        r.headers().add(KafkaHeaderNames.SERVICE, utf8("echo"));
        r.headers().add(KafkaHeaderNames.REPLY_TO, utf8("replies"));
        r.headers().add(KafkaHeaderNames.CORRELATION_ID, utf8("c" + i));
        consumer.addRecord(r);
      }
    });
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
