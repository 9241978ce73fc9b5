package dev.microservice.runtime.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of a share-mode Kafka server: its own share consumer (they are not thread-safe), which it polls, and
 * whose records it handles one by one and acknowledges each (accept, release or reject) before the next poll.
 */
final class ShareWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ShareWorker.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final String server;
  private final Supplier<ShareConsumer<byte[], byte[]>> consumers;
  private final List<String> topics;
  private final RecordHandler handler;
  private final ShareMetrics metrics;
  private volatile ShareConsumer<byte[], byte[]> consumer;
  private volatile boolean running = true;
  private volatile boolean subscribed;
  private volatile Throwable failure;

  ShareWorker(String server, Supplier<ShareConsumer<byte[], byte[]>> consumers, List<String> topics,
      RecordHandler handler, ShareMetrics metrics) {
    this.server = server;
    this.consumers = consumers;
    this.topics = topics;
    this.handler = handler;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    try (ShareConsumer<byte[], byte[]> c = consumers.get()) {
      consumer = c;
      c.subscribe(topics);
      subscribed = true;
      while (running) {
        pollOnce(c);
      }
      c.commitSync(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error("Kafka server '{}': a share-group worker failed", server, e);
    }
  }

  private void pollOnce(ShareConsumer<byte[], byte[]> c) throws InterruptedException {
    var records = c.poll(POLL);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (!running) {
        c.acknowledge(record, AcknowledgeType.RELEASE); // stopping: another member gets it at once
        continue;
      }
      int attempt = ShareAcks.attempt(record);
      metrics.started(server, record.topic(), attempt);
      AcknowledgeType ack = AcknowledgeType.RELEASE;
      try {
        ack = ShareAcks.of(handler.handleOnce(record, attempt));
      } finally {
        c.acknowledge(record, ack);
        metrics.acknowledged(server, record.topic(), ack);
      }
    }
  }

  /** Asks the worker to finish the record it is handling, release the rest of its batch and leave the group. */
  void stop() {
    running = false;
    ShareConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  /** @return whether the worker has subscribed and is still running */
  boolean serving() {
    return subscribed && running && failure == null;
  }

  /** @return what stopped the worker, or null */
  Throwable failure() {
    return failure;
  }
}
