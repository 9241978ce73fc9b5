package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Settings of a Kafka consumer whose namespaces are topics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaServerSpec {
  @JsonPropertyDescription(
      "Comma-separated host:port list of Kafka brokers, e.g. kafka-0.kafka:9092,kafka-1.kafka:9092.")
  @Required
  private String bootstrapServers;

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }
}
