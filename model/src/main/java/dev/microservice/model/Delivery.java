package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a Kafka server promises about the replies, dead letters and offsets of the records it handles. */
public enum Delivery {
  /** Offsets are committed after the replies are acknowledged; a crash may repeat some. */
  @JsonProperty("atLeastOnce") AT_LEAST_ONCE,
  /** Replies, dead letters and offsets of a poll's batch commit in one Kafka transaction. */
  @JsonProperty("exactlyOnce") EXACTLY_ONCE
}
