package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** TLS trust and client-certificate stores for a Kafka server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Kafka's store rules, checked by the API server too (KafkaSpecValidator has the same rules and paths).
@ValidationRule(value = "!has(self.truststorePassword) || has(self.truststore)", fieldPath = ".truststorePassword",
    message = "needs tls.truststore: Kafka refuses a store password without the store; remove it or set the store")
@ValidationRule(value = "!has(self.keystorePassword) || has(self.keystore)", fieldPath = ".keystorePassword",
    message = "needs tls.keystore: Kafka refuses a store password without the store; remove it or set the store")
@ValidationRule(value = "!has(self.truststorePassword) || !has(self.truststoreType) || !self.truststoreType.matches('^(?i)pem$')",
    fieldPath = ".truststorePassword", message = "must not be set with truststoreType PEM: Kafka refuses a password for a PEM store")
@ValidationRule(value = "!has(self.keystorePassword) || !has(self.keystoreType) || !self.keystoreType.matches('^(?i)pem$')",
    fieldPath = ".keystorePassword", message = "must not be set with keystoreType PEM: Kafka refuses a password for a PEM"
        + " store; an encrypted key's password belongs in keyPassword")
public class TlsSpec {
  @JsonPropertyDescription("Trust store (the CAs to trust): a Secret key or a file.")
  private SecretValueSpec truststore;

  @JsonPropertyDescription("Trust store type: JKS, PKCS12 or PEM. Defaults to Kafka's default (JKS).")
  @Size(max = 32) // bounds the cost of the CEL rules above on the API server
  private String truststoreType;

  @JsonPropertyDescription("The trust store's password, if it has one.")
  private SecretValueSpec truststorePassword;

  @JsonPropertyDescription("Key store with the client certificate, for mutual TLS: a Secret key or a file.")
  private SecretValueSpec keystore;

  @JsonPropertyDescription("Key store type: JKS, PKCS12 or PEM.")
  @Size(max = 32)
  private String keystoreType;

  @JsonPropertyDescription("The key store's password.")
  private SecretValueSpec keystorePassword;

  @JsonPropertyDescription("The private key's password, if it differs from the key store's.")
  private SecretValueSpec keyPassword;

  public SecretValueSpec getTruststore() {
    return truststore;
  }

  public void setTruststore(SecretValueSpec truststore) {
    this.truststore = truststore;
  }

  public String getTruststoreType() {
    return truststoreType;
  }

  public void setTruststoreType(String truststoreType) {
    this.truststoreType = truststoreType;
  }

  public SecretValueSpec getTruststorePassword() {
    return truststorePassword;
  }

  public void setTruststorePassword(SecretValueSpec truststorePassword) {
    this.truststorePassword = truststorePassword;
  }

  public SecretValueSpec getKeystore() {
    return keystore;
  }

  public void setKeystore(SecretValueSpec keystore) {
    this.keystore = keystore;
  }

  public String getKeystoreType() {
    return keystoreType;
  }

  public void setKeystoreType(String keystoreType) {
    this.keystoreType = keystoreType;
  }

  public SecretValueSpec getKeystorePassword() {
    return keystorePassword;
  }

  public void setKeystorePassword(SecretValueSpec keystorePassword) {
    this.keystorePassword = keystorePassword;
  }

  public SecretValueSpec getKeyPassword() {
    return keyPassword;
  }

  public void setKeyPassword(SecretValueSpec keyPassword) {
    this.keyPassword = keyPassword;
  }
}
