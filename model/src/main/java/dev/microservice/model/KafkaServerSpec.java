package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of a Kafka consumer whose namespaces are topics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Share groups have no transactions (checked by KafkaSpecValidator too, with the same path and words).
@ValidationRule(value = "!has(self.consumption) || self.consumption != 'share' || !has(self.delivery) || self.delivery != 'exactlyOnce'",
    fieldPath = ".consumption", message = KafkaServerSpec.SHARE_WITHOUT_TRANSACTIONS)
@JsonPropertyOrder({"bootstrapServers", "groupId", "groupProtocol", "delivery", "consumption", "concurrency", "maxMessageBytes",
    "retry", "deadLetter", "security", "properties"})
public class KafkaServerSpec {
  /** The record size limit used when a manifest does not set one: 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
  /** Workers per pod when concurrency is unset and consumption is group. */
  public static final int DEFAULT_GROUP_CONCURRENCY = 8;
  /** Workers per pod when concurrency is unset and consumption is share. */
  public static final int DEFAULT_SHARE_CONCURRENCY = 16;
  /** Why consumption 'share' and delivery 'exactlyOnce' are refused together. */
  public static final String SHARE_WITHOUT_TRANSACTIONS = "'share' cannot be combined with delivery 'exactlyOnce': a share group"
      + " commits no offsets, so there is no transaction to join them to; use consumption 'group' or delivery 'atLeastOnce'";
  /** The largest concurrency accepted. */
  public static final int MAX_CONCURRENCY = 1024;

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
      "How records are consumed: 'group' (the default), a consumer group whose pods divide the partitions"
          + " and handle each partition's records in order; or 'share', a share group (KIP-932, Kafka 4.x brokers"
          + " with share groups enabled) whose members all take records from every partition, acknowledge"
          + " each record on its own and give up per-partition order.")
  @Default("group")
  private Consumption consumption = Consumption.GROUP;

  @JsonPropertyDescription(
      "How many records are handled at the same time in each pod, 1 to 1024. With consumption 'group' it is the"
          + " number of partitions handled at once (a partition's records are handled one after another, in order);"
          + " with 'share' it is the number of workers, each with its own share consumer, not capped by the"
          + " partition count. Defaults to 8 for consumption 'group' and 16 for 'share'.")
  @Min(1)
  @Max(MAX_CONCURRENCY)
  private Integer concurrency;

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

  public Consumption getConsumption() {
    return consumption;
  }

  public void setConsumption(Consumption consumption) {
    this.consumption = consumption;
  }

  /** @return the concurrency as written in the manifest; null when unset (see {@link #effectiveConcurrency()}) */
  public Integer getConcurrency() {
    return concurrency;
  }

  /** @return the concurrency the runtime uses: the manifest's, else 8 for group and 16 for share consumption */
  @JsonIgnore
  public int effectiveConcurrency() {
    if (concurrency != null) {
      return concurrency;
    }
    return consumption == Consumption.SHARE ? DEFAULT_SHARE_CONCURRENCY : DEFAULT_GROUP_CONCURRENCY;
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
