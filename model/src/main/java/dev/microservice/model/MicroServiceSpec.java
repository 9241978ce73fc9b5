package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired state of a MicroService: its endpoints, its servers and their configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"replicas", "endpoints", "servers", "config", "drainTimeoutSeconds"})
public class MicroServiceSpec {
  /** The drain timeout used when a manifest does not set one. */
  public static final int DEFAULT_DRAIN_TIMEOUT_SECONDS = 30;

  @JsonPropertyDescription("Number of runtime pods. Defaults to 1.")
  @Min(0)
  private Integer replicas = 1;

  @JsonPropertyDescription("Where the endpoint jars come from.")
  private EndpointsSpec endpoints;

  @JsonPropertyDescription(
      "The servers the runtime starts: each is either a gRPC server or a Kafka consumer, and"
          + " serves one or more namespaces.")
  @Required
  private List<ServerSpec> servers = new ArrayList<>();

  @JsonPropertyDescription(
      "Configuration entries handed to every endpoint's init method. Not for secrets.")
  private Map<String, String> config = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "Seconds the runtime waits for in-flight requests to finish after SIGTERM before it exits."
          + " Defaults to 30.")
  @Min(0)
  @Max(3600)
  private Integer drainTimeoutSeconds = DEFAULT_DRAIN_TIMEOUT_SECONDS;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public EndpointsSpec getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(EndpointsSpec endpoints) {
    this.endpoints = endpoints;
  }

  public List<ServerSpec> getServers() {
    return servers;
  }

  public void setServers(List<ServerSpec> servers) {
    this.servers = servers;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public Integer getDrainTimeoutSeconds() {
    return drainTimeoutSeconds;
  }

  public void setDrainTimeoutSeconds(Integer drainTimeoutSeconds) {
    this.drainTimeoutSeconds = drainTimeoutSeconds;
  }
}
