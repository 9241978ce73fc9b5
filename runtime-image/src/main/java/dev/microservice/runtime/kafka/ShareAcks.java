package dev.microservice.runtime.kafka;

import java.util.Optional;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** How a share-group member acknowledges a record after an attempt, and which attempt a delivery is. */
final class ShareAcks {
  private ShareAcks() {}

  /**
   * The acknowledgement for an attempt's result: ACCEPT when handled, RELEASE (delivered again, to any member) when
   * it is to be tried again, REJECT once it failed for good (after it was dead-lettered or skipped).
   */
  static AcknowledgeType of(RecordHandler.Result result) {
    if (result.retryIn() != null) {
      return AcknowledgeType.RELEASE;
    }
    return result.failed() ? AcknowledgeType.REJECT : AcknowledgeType.ACCEPT;
  }

  /** @return the attempt a delivery is: the broker's delivery count, 1 for the first delivery */
  static int attempt(ConsumerRecord<?, ?> record) {
    Optional<Short> count = record.deliveryCount();
    return count.map(c -> Math.max(1, c.intValue())).orElse(1);
  }
}
