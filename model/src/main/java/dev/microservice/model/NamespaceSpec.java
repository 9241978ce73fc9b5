package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** A namespace of a server (a gRPC namespace or a Kafka topic) and the services in it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NamespaceSpec {
  /** Namespace names must also be valid Kafka topic names. */
  public static final String NAME_PATTERN = "^[a-zA-Z0-9._-]{1,249}$";

  @JsonPropertyDescription(
      "Namespace name: the RPCMessage Namespace for gRPC, the topic for Kafka. Letters, digits,"
          + " '.', '_' and '-', at most 249 characters; unique within the server.")
  @Required
  @Pattern(NAME_PATTERN)
  @Size(max = 249)
  private String name;

  @JsonPropertyDescription(
      "The services of this namespace, each mapped to an endpoint. A request names its service;"
          + " a namespace with one service also takes requests that name none.")
  @Required
  @Size(min = 1, max = 32)
  private List<ServiceSpec> services = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<ServiceSpec> getServices() {
    return services;
  }

  public void setServices(List<ServiceSpec> services) {
    this.services = services;
  }
}
