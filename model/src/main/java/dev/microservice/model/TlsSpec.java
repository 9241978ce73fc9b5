package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS trust and client-certificate stores for a Kafka server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {
  @JsonPropertyDescription("Trust store file (the CAs to trust).")
  private String truststoreFile;

  @JsonPropertyDescription("Trust store type: JKS, PKCS12 or PEM. Defaults to Kafka's default (JKS).")
  private String truststoreType;

  @JsonPropertyDescription("Where the trust store password is read from, if it has one.")
  private SecretValueSpec truststorePassword;

  @JsonPropertyDescription("Key store file with the client certificate, for mutual TLS.")
  private String keystoreFile;

  @JsonPropertyDescription("Key store type: JKS, PKCS12 or PEM.")
  private String keystoreType;

  @JsonPropertyDescription("Where the key store password is read from.")
  private SecretValueSpec keystorePassword;

  @JsonPropertyDescription("Where the private key's password is read from, if it differs from the key store's.")
  private SecretValueSpec keyPassword;

  public String getTruststoreFile() {
    return truststoreFile;
  }

  public void setTruststoreFile(String truststoreFile) {
    this.truststoreFile = truststoreFile;
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

  public String getKeystoreFile() {
    return keystoreFile;
  }

  public void setKeystoreFile(String keystoreFile) {
    this.keystoreFile = keystoreFile;
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
