package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed: conditions Ready, Available, Progressing and Degraded, and replica counts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MicroServiceStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready, Available, Progressing and Degraded, each with a reason and a message.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Runtime pods that exist.")
  @StatusReplicas
  private Integer replicas;

  @JsonPropertyDescription("Runtime pods that are ready.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Runtime pods that are available.")
  private Integer availableReplicas;

  @JsonPropertyDescription("Runtime pods the Deployment asks for: spec.replicas, or what the autoscaler last set.")
  private Integer desiredReplicas;

  @JsonPropertyDescription("Per Kafka server, the consumer lag the ready runtime pods last reported.")
  private List<KafkaServerStatus> kafka;

  @JsonPropertyDescription("Label selector of the runtime pods, for the scale subresource.")
  @LabelSelector
  private String selector;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getAvailableReplicas() {
    return availableReplicas;
  }

  public void setAvailableReplicas(Integer availableReplicas) {
    this.availableReplicas = availableReplicas;
  }

  public Integer getDesiredReplicas() {
    return desiredReplicas;
  }

  public void setDesiredReplicas(Integer desiredReplicas) {
    this.desiredReplicas = desiredReplicas;
  }

  public List<KafkaServerStatus> getKafka() {
    return kafka;
  }

  public void setKafka(List<KafkaServerStatus> kafka) {
    this.kafka = kafka;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  /**
   * @param type a condition type
   * @return the condition of that type, or null
   */
  public Condition condition(String type) {
    return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MicroServiceStatus s
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(replicas, s.replicas)
        && Objects.equals(readyReplicas, s.readyReplicas)
        && Objects.equals(availableReplicas, s.availableReplicas)
        && Objects.equals(desiredReplicas, s.desiredReplicas)
        && Objects.equals(kafka, s.kafka)
        && Objects.equals(selector, s.selector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, conditions, replicas, readyReplicas, availableReplicas, desiredReplicas, kafka,
        selector);
  }
}
