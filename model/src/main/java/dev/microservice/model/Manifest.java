package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A whole {@code MicroService} manifest as the runtime and the CLI read it: the Kubernetes
 * envelope ({@code apiVersion}, {@code kind}, {@code metadata}) around a {@link MicroServiceSpec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public class Manifest {
  /** The API group and version this model implements. */
  public static final String API_VERSION = "microservice.dev/v1alpha1";
  /** The kind this model implements. */
  public static final String KIND = "MicroService";

  private String apiVersion;
  private String kind;
  private ManifestMetadata metadata;
  private MicroServiceSpec spec;

  public String getApiVersion() {
    return apiVersion;
  }

  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public ManifestMetadata getMetadata() {
    return metadata;
  }

  public void setMetadata(ManifestMetadata metadata) {
    this.metadata = metadata;
  }

  public MicroServiceSpec getSpec() {
    return spec;
  }

  public void setSpec(MicroServiceSpec spec) {
    this.spec = spec;
  }
}
