package dev.microservice.runtime.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once consumer thread: each poll's batch is handled (partitions in parallel, each in
 * order), then its replies, dead letters and offsets commit in one transaction. A record waiting
 * for a retry ends its partition's share of the batch; the partition is rewound to it and paused
 * until the retry is due. An abortable failure aborts the transaction and rewinds the batch; a
 * fatal one (fenced by a newer instance of this pod) stops the server.
 */
final class TransactionalLoop implements ConsumerLoop, ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String server;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Producer<byte[], byte[]> producer;
  private final List<String> topics;
  private final RecordHandler handler;
  private final ExecutorService pool;
  private final KafkaMetrics metrics;
  private final Map<TopicPartition, PartitionBatch.Retry> retries = new HashMap<>();
  private final Set<TopicPartition> assigned = new HashSet<>();
  private Consumer<byte[], byte[]> consumer;
  private volatile boolean stopping;
  private volatile boolean joined;
  private volatile Throwable failure;

  TransactionalLoop(String server, Supplier<Consumer<byte[], byte[]>> consumers, Producer<byte[], byte[]> producer,
      List<String> topics, RecordHandler handler, ExecutorService pool, KafkaMetrics metrics) {
    this.server = server;
    this.consumers = consumers;
    this.producer = producer;
    this.topics = topics;
    this.handler = handler;
    this.pool = pool;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        consumer = consumers.get();
        consume();
      }
    } catch (Throwable e) {
      failure = e;
      LOG.error("Kafka server '{}': exactly-once consumption failed; this runtime is no longer consuming", server, e);
    } finally {
      close();
    }
  }

  private void consume() throws InterruptedException {
    try {
      consumer.subscribe(topics, this);
      while (!stopping) {
        pollOnce();
      }
    } catch (UnreleasedInstanceIdException e) {
      forget(List.copyOf(assigned));
      try {
        consumer.close(CloseOptions.timeout(Duration.ZERO));
      } catch (RuntimeException closing) {
        LOG.debug("Kafka server '{}': closing a failed consumer: {}", server, closing.toString());
      }
      InstanceIdRejoin.await(server, () -> stopping);
    }
  }

  @Override
  public void stop() {
    stopping = true;
  }

  @Override
  public boolean joined() {
    return joined && !stopping && failure == null;
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  private void pollOnce() throws InterruptedException {
    resumeDueRetries();
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
    if (!joined && consumer.groupMetadata().generationId() > 0) {
      joined = true;
    }
    if (!records.isEmpty()) {
      List<PartitionBatch.Result> results = handle(records);
      if (commit(results)) {
        scheduleRetries(results);
      } else {
        rewind(records);
      }
    }
    updateLag();
  }

  private List<PartitionBatch.Result> handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    producer.beginTransaction();
    List<Future<PartitionBatch.Result>> running = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      running.add(pool.submit(new PartitionBatch(tp, records.records(tp), retries.get(tp), handler)));
    }
    List<PartitionBatch.Result> results = new ArrayList<>();
    for (Future<PartitionBatch.Result> f : running) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("handling a batch failed", e.getCause());
      }
    }
    return results;
  }

  /** @return true when committed; false when aborted (the batch must be handled again) */
  private boolean commit(List<PartitionBatch.Result> results) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    results.stream().filter(r -> r.next() >= 0).forEach(r -> offsets.put(r.partition(), new OffsetAndMetadata(r.next())));
    try {
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      producer.commitTransaction();
      return true;
    } catch (KafkaException e) {
      if (TransactionFailures.fatal(e)) {
        throw new IllegalStateException("the transaction cannot commit and this producer cannot go on"
            + " (another instance with the same transactional id fenced it, or it is not authorized)", e);
      }
      LOG.warn("Kafka server '{}': transaction aborted, its {} partition(s) will be handled again: {}", server,
          results.size(), e.toString());
      producer.abortTransaction();
      return false;
    }
  }

  private void scheduleRetries(List<PartitionBatch.Result> results) {
    List<TopicPartition> pause = new ArrayList<>();
    for (PartitionBatch.Result r : results) {
      if (r.retry() == null) {
        retries.remove(r.partition());
      } else {
        retries.put(r.partition(), r.retry());
        consumer.seek(r.partition(), r.retry().offset());
        pause.add(r.partition());
      }
    }
    consumer.pause(pause);
  }

  private void resumeDueRetries() {
    long now = System.nanoTime();
    List<TopicPartition> due = new ArrayList<>();
    retries.forEach((tp, r) -> {
      if (r.atNanos() - now <= 0 && consumer.paused().contains(tp)) {
        due.add(tp);
      }
    });
    consumer.resume(due);
  }

  /** Seeks each partition of an aborted batch back to its first record: the last committed position. */
  private void rewind(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition tp : records.partitions()) {
      consumer.seek(tp, records.records(tp).get(0).offset());
    }
  }

  private void updateLag() {
    for (TopicPartition tp : assigned) {
      OptionalLong lag = consumer.currentLag(tp);
      if (lag.isPresent()) {
        metrics.lag(server, tp, lag.getAsLong());
      }
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
    joined = true;
    metrics.rebalanced(server);
    metrics.assigned(server, assigned.size());
    if (!partitions.isEmpty()) {
      LOG.info("Kafka server '{}': assigned {}", server, partitions);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    // Called inside poll: the last batch is already committed, nothing is in flight.
    forget(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    forget(partitions);
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      assigned.remove(tp);
      retries.remove(tp);
      metrics.forget(server, tp);
    }
    metrics.assigned(server, assigned.size());
  }

  private void close() {
    if (consumer == null) {
      return;
    }
    try {
      consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(10)));
    } catch (RuntimeException e) {
      LOG.warn("Kafka server '{}': closing the consumer failed: {}", server, e.toString());
    }
    metrics.assigned(server, 0);
  }
}
