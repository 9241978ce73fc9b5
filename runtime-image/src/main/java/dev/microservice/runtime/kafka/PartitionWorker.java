package dev.microservice.runtime.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the records of one partition one after another, in offset order, on a shared pool.
 * Retries wait on a timer, not on a pool thread, so a failing partition never holds up others.
 * Tracks the next offset that is safe to commit: everything before it is done with.
 */
final class PartitionWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionWorker.class);
  /** Records handled before the worker yields its thread to other partitions. */
  private static final int BATCH = 64;

  private final TopicPartition partition;
  private final RecordHandler handler;
  private final Executor pool;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean scheduled;
  private boolean busy;
  private boolean closed;
  private int attempt = 1;
  private volatile long committable = -1;

  PartitionWorker(TopicPartition partition, RecordHandler handler, Executor pool, ScheduledExecutorService timer) {
    this.partition = partition;
    this.handler = handler;
    this.pool = pool;
    this.timer = timer;
  }

  /** Adds fetched records; starts handling them unless already running. */
  synchronized void enqueue(List<ConsumerRecord<byte[], byte[]>> records) {
    if (closed) {
      return;
    }
    for (ConsumerRecord<byte[], byte[]> r : records) {
      queue.add(r);
      queuedBytes += size(r);
    }
    if (!scheduled && !queue.isEmpty()) {
      scheduled = true;
      submit();
    }
  }

  synchronized int backlog() {
    return queue.size();
  }

  synchronized long backlogBytes() {
    return queuedBytes;
  }

  /** @return the offset to commit (all before it are done), or -1 when nothing is done yet */
  long committable() {
    return committable;
  }

  /** Drops queued records (they stay uncommitted) and lets the current one finish. */
  synchronized void close() {
    closed = true;
    queue.clear();
    queuedBytes = 0;
    notifyAll();
  }

  /** Waits until no record is being handled, at most until the deadline. */
  synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (busy) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private void drain() {
    for (int n = 0; n < BATCH; n++) {
      ConsumerRecord<byte[], byte[]> record;
      int thisAttempt;
      synchronized (this) {
        if (closed || queue.isEmpty()) {
          scheduled = false;
          return;
        }
        record = queue.peek();
        thisAttempt = attempt;
        busy = true;
      }
      Duration retryIn;
      try {
        retryIn = handler.handle(record, thisAttempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        retryIn = null;
        LOG.warn("{}: interrupted while handling offset {}; it stays uncommitted", partition, record.offset());
        synchronized (this) {
          busy = false;
          scheduled = false;
          closed = true;
          notifyAll();
        }
        return;
      } catch (RuntimeException e) {
        LOG.error("{}: unexpected failure at offset {}; retrying", partition, record.offset(), e);
        retryIn = Duration.ofSeconds(1);
      }
      synchronized (this) {
        busy = false;
        notifyAll();
        if (retryIn != null) {
          attempt++;
          if (!closed) {
            timer.schedule(this::submit, retryIn.toMillis(), TimeUnit.MILLISECONDS);
          } else {
            scheduled = false;
          }
          return;
        }
        attempt = 1;
        committable = record.offset() + 1;
        if (!closed) {
          queue.poll();
          queuedBytes -= size(record);
        }
      }
    }
    submit(); // yield the thread to other partitions, then go on
  }

  private void submit() {
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        scheduled = false;
      }
    }
  }

  private static long size(ConsumerRecord<byte[], byte[]> r) {
    return (r.value() == null ? 0 : r.value().length) + (r.key() == null ? 0 : r.key().length);
  }
}
