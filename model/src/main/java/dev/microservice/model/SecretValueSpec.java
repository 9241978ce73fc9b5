package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where a secret value is read from at start-up: a file (a mounted Kubernetes Secret) or an
 * environment variable. Manifests never hold the value itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretValueSpec {
  @JsonPropertyDescription("Path of a file holding the value (trailing newlines are ignored).")
  private String file;

  @JsonPropertyDescription("Name of an environment variable holding the value.")
  private String env;

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
