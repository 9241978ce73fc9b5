package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of a Kafka consumer whose namespaces are topics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"bootstrapServers", "groupId", "groupProtocol", "delivery", "concurrency", "maxMessageBytes",
    "retry", "deadLetter", "security", "properties"})
public class KafkaServerSpec {
  /** The record size limit used when a manifest does not set one: 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  @JsonPropertyDescription(
      "Comma-separated host:port list of Kafka brokers, e.g. kafka-0.kafka:9092,kafka-1.kafka:9092.")
  @Required
  private String bootstrapServers;

  @JsonPropertyDescription(
      "Consumer group id. Defaults to <metadata.namespace or 'default'>.<metadata.name>.<server name>.")
  private String groupId;

  @JsonPropertyDescription(
      "Consumer group protocol: 'consumer' (Kafka 4, KIP-848), 'classic', or 'auto' (the default):"
          + " 'consumer' when the brokers support it.")
  @Default("auto")
  private GroupProtocol groupProtocol = GroupProtocol.AUTO;

  @JsonPropertyDescription(
      "'atLeastOnce' (the default): a reply or dead letter may be sent again after a crash."
          + " 'exactlyOnce': the replies, dead letters and consumed offsets of each polled batch commit in one"
          + " Kafka transaction (transactional id per pod) and topics are read read_committed;"
          + " endpoint side effects outside Kafka stay at-least-once.")
  @Default("atLeastOnce")
  private Delivery delivery = Delivery.AT_LEAST_ONCE;

  @JsonPropertyDescription(
      "How many partitions are handled at the same time. Records of one partition are always"
          + " handled one after another, in order. Defaults to 8.")
  @Min(1)
  @Max(1024)
  @Default("8")
  private Integer concurrency = 8;

  @JsonPropertyDescription(
      "Largest record value handled, in bytes; larger ones go to the dead-letter topic."
          + " Defaults to 1048576 (1 MiB).")
  @Min(1)
  @Default("1048576")
  private Integer maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

  @JsonPropertyDescription("How failing records are retried before they are dead-lettered.")
  private RetrySpec retry = new RetrySpec();

  @JsonPropertyDescription("Where records go that cannot be handled.")
  private DeadLetterSpec deadLetter = new DeadLetterSpec();

  @JsonPropertyDescription("Authentication and encryption. Secret values come from files or environment variables.")
  private KafkaSecuritySpec security;

  @JsonPropertyDescription(
      "Other Kafka client properties (consumer, producer and admin), e.g. max.poll.records."
          + " Properties the runtime manages and secret-bearing ones are refused.")
  private Map<String, String> properties = new LinkedHashMap<>();

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getGroupId() {
    return groupId;
  }

  public void setGroupId(String groupId) {
    this.groupId = groupId;
  }

  public GroupProtocol getGroupProtocol() {
    return groupProtocol;
  }

  public void setGroupProtocol(GroupProtocol groupProtocol) {
    this.groupProtocol = groupProtocol;
  }

  public Delivery getDelivery() {
    return delivery;
  }

  public void setDelivery(Delivery delivery) {
    this.delivery = delivery;
  }

  public Integer getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Integer concurrency) {
    this.concurrency = concurrency;
  }

  public Integer getMaxMessageBytes() {
    return maxMessageBytes;
  }

  public void setMaxMessageBytes(Integer maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  public RetrySpec getRetry() {
    return retry;
  }

  public void setRetry(RetrySpec retry) {
    this.retry = retry;
  }

  public DeadLetterSpec getDeadLetter() {
    return deadLetter;
  }

  public void setDeadLetter(DeadLetterSpec deadLetter) {
    this.deadLetter = deadLetter;
  }

  public KafkaSecuritySpec getSecurity() {
    return security;
  }

  public void setSecurity(KafkaSecuritySpec security) {
    this.security = security;
  }

  public Map<String, String> getProperties() {
    return properties;
  }

  public void setProperties(Map<String, String> properties) {
    this.properties = properties;
  }
}
