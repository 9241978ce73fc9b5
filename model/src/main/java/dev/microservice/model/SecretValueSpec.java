package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where a secret comes from: a key of a Kubernetes Secret (the operator mounts it as a file), a
 * file, or an environment variable. Manifests never hold the value itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.secretKeyRef), has(self.file), has(self.env)].filter(x, x).size() == 1",
    message = "set exactly one of secretKeyRef, file or env")
public class SecretValueSpec {
  @JsonPropertyDescription("A key of a Secret in the MicroService's namespace; the operator mounts it as a file.")
  private SecretKeyRef secretKeyRef;

  @JsonPropertyDescription("Path of a file holding the value (trailing newlines are ignored). For local runs.")
  private String file;

  @JsonPropertyDescription("Name of an environment variable holding the value. Not for stores and certificates.")
  private String env;

  public SecretKeyRef getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyRef secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }

  public String getFile() {
    return file;
  }

  public void setFile(String file) {
    this.file = file;
  }

  public String getEnv() {
    return env;
  }

  public void setEnv(String env) {
    this.env = env;
  }
}
