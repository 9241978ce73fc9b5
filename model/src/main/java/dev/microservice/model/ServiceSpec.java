package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** A service of a namespace, mapped to the endpoint that handles it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceSpec {
  /** Service and endpoint names: letters, digits, '.', '_' and '-'. */
  public static final String NAME_PATTERN = "^[a-zA-Z0-9._-]{1,253}$";

  @JsonPropertyDescription(
      "Service name, as requests carry it (the RPCMessage Service field, the 'service' header or"
          + " the envelope's 'service'); unique within the namespace.")
  @Required
  @Pattern(NAME_PATTERN)
  @Size(max = 253)
  private String name;

  @JsonPropertyDescription("Name of the endpoint that handles this service (Endpoint.name()).")
  @Required
  @Pattern(NAME_PATTERN)
  @Size(max = 253)
  private String endpoint;

  /** For Jackson. */
  public ServiceSpec() {}

  /**
   * Creates a service mapping.
   *
   * @param name the service name
   * @param endpoint the endpoint name
   */
  public ServiceSpec(String name, String endpoint) {
    this.name = name;
    this.endpoint = endpoint;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }
}
