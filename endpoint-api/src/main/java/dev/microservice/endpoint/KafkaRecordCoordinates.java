package dev.microservice.endpoint;

import java.util.Objects;

/**
 * Where a Kafka record came from.
 *
 * @param topic the topic the record was read from
 * @param partition its partition
 * @param offset its offset in that partition
 * @param key its key, or null when the record has none
 */
public record KafkaRecordCoordinates(String topic, int partition, long offset, byte[] key) {

  /** Checks the topic is present. */
  public KafkaRecordCoordinates {
    Objects.requireNonNull(topic, "topic");
  }
}
