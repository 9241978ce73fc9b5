package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a Kafka server consumes its topics: a consumer group or a share group (KIP-932). */
public enum Consumption {
  /** A consumer group: partitions are divided among pods; records of a partition are handled in order. */
  @JsonProperty("group") GROUP,
  /** A share group: records are handed out one by one to any member and acknowledged each on its own. */
  @JsonProperty("share") SHARE
}
