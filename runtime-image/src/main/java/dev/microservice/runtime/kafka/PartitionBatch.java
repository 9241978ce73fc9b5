package dev.microservice.runtime.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's share of a polled batch in exactly-once mode: handles its records in order
 * until one has to wait for a retry; what it sends joins the open transaction.
 */
final class PartitionBatch implements Callable<PartitionBatch.Result> {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionBatch.class);

  /** A record to try again at {@code atNanos} (System.nanoTime), as attempt number {@code attempt}. */
  record Retry(long offset, int attempt, long atNanos) {}

  /**
   * @param next the offset after the last record done with, or -1 when none was
   * @param retry the record that waits for another attempt, or null when the whole batch was done with
   */
  record Result(TopicPartition partition, long next, Retry retry) {}

  private final TopicPartition partition;
  private final List<ConsumerRecord<byte[], byte[]>> records;
  private final Retry pending;
  private final RecordHandler handler;

  /** @param pending the partition's earlier failed record, whose attempt count goes on; or null */
  PartitionBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, Retry pending, RecordHandler handler) {
    this.partition = partition;
    this.records = records;
    this.pending = pending;
    this.handler = handler;
  }

  @Override
  public Result call() throws InterruptedException {
    long next = -1;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      int attempt = pending != null && pending.offset() == record.offset() ? pending.attempt() : 1;
      Duration retryIn;
      try {
        retryIn = handler.handle(record, attempt);
      } catch (RuntimeException e) {
        LOG.error("{}: unexpected failure at offset {}; retrying", partition, record.offset(), e);
        retryIn = Duration.ofSeconds(1);
      }
      if (retryIn != null) {
        return new Result(partition, next, new Retry(record.offset(), attempt + 1, System.nanoTime() + retryIn.toNanos()));
      }
      next = record.offset() + 1;
    }
    return new Result(partition, next, null);
  }
}
