package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A key of a Kubernetes Secret in the MicroService's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
  /** Secret names are DNS-1123 subdomains. */
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  /** Secret keys: letters, digits, '-', '_' and '.'. */
  public static final String KEY_PATTERN = "^[-._a-zA-Z0-9]+$";

  @JsonPropertyDescription("Name of the Secret: a DNS subdomain (lower-case letters, digits, '-' and '.'), at most 253"
      + " characters.")
  @Required
  @Pattern(NAME_PATTERN)
  @Size(max = 253)
  private String name;

  @JsonPropertyDescription("Key within the Secret: letters, digits, '-', '_' and '.', at most 253 characters.")
  @Required
  @Pattern(KEY_PATTERN)
  @Size(max = 253)
  private String key;

  /** For Jackson. */
  public SecretKeyRef() {}

  /**
   * @param name the Secret
   * @param key the key within it
   */
  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
