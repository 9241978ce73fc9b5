package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** SASL username/password authentication (PLAIN or SCRAM). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SaslSpec {
  /** Supported SASL mechanisms. */
  public enum Mechanism {
    /** SASL/PLAIN. */
    @JsonProperty("PLAIN") PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
    /** SASL/SCRAM with SHA-256. */
    @JsonProperty("SCRAM-SHA-256") SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    /** SASL/SCRAM with SHA-512. */
    @JsonProperty("SCRAM-SHA-512") SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String kafkaName;
    private final String loginModule;

    Mechanism(String kafkaName, String loginModule) {
      this.kafkaName = kafkaName;
      this.loginModule = loginModule;
    }

    /** @return the sasl.mechanism value */
    public String kafkaName() {
      return kafkaName;
    }

    /** @return the JAAS login module class */
    public String loginModule() {
      return loginModule;
    }
  }

  @JsonPropertyDescription("SASL mechanism: PLAIN (the default), SCRAM-SHA-256 or SCRAM-SHA-512.")
  @Default("PLAIN")
  private Mechanism mechanism = Mechanism.PLAIN;

  @JsonPropertyDescription("User name.")
  @Required
  private String username;

  @JsonPropertyDescription("Where the password is read from: a file or an environment variable, never inline.")
  @Required
  private SecretValueSpec password;

  public Mechanism getMechanism() {
    return mechanism;
  }

  public void setMechanism(Mechanism mechanism) {
    this.mechanism = mechanism;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public SecretValueSpec getPassword() {
    return password;
  }

  public void setPassword(SecretValueSpec password) {
    this.password = password;
  }
}
