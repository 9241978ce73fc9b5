package dev.microservice.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the consumer: polls, hands records to partition workers, pauses
 * partitions whose workers are behind (so polling never stops and slow endpoints cause no
 * rebalance), commits what the workers have finished, and drains on stop.
 */
final class PollLoop implements ConsumerLoop, ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long COMMIT_EVERY_NANOS = Duration.ofMillis(200).toNanos();
  private static final int PAUSE_RECORDS = 10_000;
  private static final long PAUSE_BYTES = 16L * 1024 * 1024;

  private final String server;
  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private Consumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final Function<TopicPartition, PartitionWorker> newWorker;
  private final KafkaMetrics metrics;
  private final Duration drainTimeout;
  private final Map<TopicPartition, PartitionWorker> workers = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Set<TopicPartition> paused = new HashSet<>();
  private long lastCommit;
  private volatile boolean stopping;
  private volatile boolean joined;
  private volatile Throwable failure;

  PollLoop(String server, Supplier<Consumer<byte[], byte[]>> consumers, List<String> topics,
      Function<TopicPartition, PartitionWorker> newWorker, KafkaMetrics metrics, Duration drainTimeout) {
    this.server = server;
    this.consumers = consumers;
    this.topics = topics;
    this.newWorker = newWorker;
    this.metrics = metrics;
    this.drainTimeout = drainTimeout;
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        consumer = consumers.get();
        if (consume()) {
          drain();
        }
      }
    } catch (Throwable e) {
      failure = e;
      LOG.error("Kafka server '{}': the consumer failed; this runtime is no longer consuming", server, e);
      workers.values().forEach(PartitionWorker::close);
    } finally {
      closeConsumer();
    }
  }

  /**
   * Subscribes and polls until stopped.
   *
   * @return true when stopped; false when the consumer must be recreated
   */
  private boolean consume() throws InterruptedException {
    try {
      consumer.subscribe(topics, this);
      while (!stopping) {
        pollOnce();
      }
      return true;
    } catch (UnreleasedInstanceIdException e) {
      release(List.copyOf(workers.keySet()), false);
      closeQuietly(Duration.ZERO);
      InstanceIdRejoin.await(server, () -> stopping);
      return false;
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

  private void pollOnce() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
    for (TopicPartition tp : records.partitions()) {
      PartitionWorker worker = workers.get(tp);
      if (worker != null) {
        worker.enqueue(records.records(tp));
      }
    }
    if (!joined && consumer.groupMetadata().generationId() > 0) {
      joined = true;
    }
    flowControl();
    commit(false);
    updateLag();
  }

  private void flowControl() {
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    workers.forEach((tp, w) -> {
      boolean behind = w.backlog() >= PAUSE_RECORDS || w.backlogBytes() >= PAUSE_BYTES;
      boolean caughtUp = w.backlog() <= PAUSE_RECORDS / 2 && w.backlogBytes() <= PAUSE_BYTES / 2;
      if (behind && paused.add(tp)) {
        pause.add(tp);
      } else if (caughtUp && paused.remove(tp)) {
        resume.add(tp);
      }
    });
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  private void commit(boolean sync) {
    long now = System.nanoTime();
    if (!sync && now - lastCommit < COMMIT_EVERY_NANOS) {
      return;
    }
    lastCommit = now;
    commit(workers.keySet(), sync);
  }

  private void commit(Collection<TopicPartition> partitions, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      PartitionWorker w = workers.get(tp);
      long next = w == null ? -1 : w.committable();
      if (next >= 0 && next > committed.getOrDefault(tp, -1L)) {
        offsets.put(tp, new OffsetAndMetadata(next));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      try {
        consumer.commitSync(offsets);
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
      } catch (RuntimeException e) {
        LOG.warn("Kafka server '{}': commit of {} failed; those records will be delivered again: {}", server, offsets.keySet(), e.toString());
      }
    } else {
      consumer.commitAsync(offsets, (done, error) -> {
        if (error == null) {
          done.forEach((tp, o) -> committed.merge(tp, o.offset(), Math::max));
        } else {
          LOG.debug("Kafka server '{}': async commit failed, the next one covers it: {}", server, error.toString());
        }
      });
    }
  }

  private void updateLag() {
    for (TopicPartition tp : workers.keySet()) {
      OptionalLong lag = consumer.currentLag(tp);
      if (lag.isPresent()) {
        metrics.lag(server, tp, lag.getAsLong());
      }
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      workers.computeIfAbsent(tp, newWorker);
    }
    joined = true;
    metrics.rebalanced(server);
    metrics.assigned(server, workers.size());
    if (!partitions.isEmpty()) {
      LOG.info("Kafka server '{}': assigned {}", server, partitions);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    LOG.info("Kafka server '{}': revoked {}; finishing their current records", server, partitions);
    release(partitions, true);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    LOG.warn("Kafka server '{}': lost {}; their unfinished records will be delivered again", server, partitions);
    release(partitions, false);
  }

  private void release(Collection<TopicPartition> partitions, boolean commit) {
    long deadline = System.nanoTime() + Math.min(drainTimeout.toNanos(), Duration.ofSeconds(10).toNanos());
    partitions.forEach(tp -> {
      PartitionWorker w = workers.get(tp);
      if (w != null) {
        w.close();
      }
    });
    if (commit) {
      awaitIdle(partitions, deadline);
      commit(partitions, true);
    }
    partitions.forEach(tp -> {
      workers.remove(tp);
      paused.remove(tp);
      committed.remove(tp);
      metrics.forget(server, tp);
    });
    metrics.assigned(server, workers.size());
  }

  private void awaitIdle(Collection<TopicPartition> partitions, long deadlineNanos) {
    for (TopicPartition tp : partitions) {
      PartitionWorker w = workers.get(tp);
      try {
        if (w != null && !w.awaitIdle(deadlineNanos)) {
          LOG.warn("Kafka server '{}': {} still handling a record; it will be delivered again", server, tp);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void drain() {
    LOG.info("Kafka server '{}': stopped fetching; finishing in-flight records", server);
    consumer.pause(consumer.assignment());
    workers.values().forEach(PartitionWorker::close);
    awaitIdle(workers.keySet(), System.nanoTime() + drainTimeout.toNanos());
    commit(workers.keySet(), true);
  }

  private void closeQuietly(Duration timeout) {
    try {
      consumer.close(CloseOptions.timeout(timeout));
    } catch (RuntimeException e) {
      LOG.debug("Kafka server '{}': closing a failed consumer: {}", server, e.toString());
    }
  }

  private void closeConsumer() {
    if (consumer == null) {
      return;
    }
    try {
      // Leave the group even as a static member, so partitions move at once on a graceful stop.
      consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(10)));
    } catch (RuntimeException e) {
      LOG.warn("Kafka server '{}': closing the consumer failed: {}", server, e.toString());
    }
    metrics.assigned(server, 0);
  }
}
