package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Kafka consumer group protocol a Kafka server uses. */
public enum GroupProtocol {
  /** The consumer protocol when the brokers support it, else classic. */
  @JsonProperty("auto") AUTO,
  /** The Kafka 4 consumer group protocol (KIP-848). */
  @JsonProperty("consumer") CONSUMER,
  /** The classic rebalance protocol, with the cooperative-sticky assignor. */
  @JsonProperty("classic") CLASSIC
}
