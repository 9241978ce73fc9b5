package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** TLS for a gRPC server: a PEM certificate chain and its PEM private key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrpcTlsSpec {
  @JsonPropertyDescription("PEM certificate chain: a Secret key (e.g. tls.crt of a kubernetes.io/tls Secret) or a file.")
  @Required
  private SecretValueSpec certificate;

  @JsonPropertyDescription("PEM private key (PKCS#8): a Secret key (e.g. tls.key) or a file.")
  @Required
  private SecretValueSpec privateKey;

  public SecretValueSpec getCertificate() {
    return certificate;
  }

  public void setCertificate(SecretValueSpec certificate) {
    this.certificate = certificate;
  }

  public SecretValueSpec getPrivateKey() {
    return privateKey;
  }

  public void setPrivateKey(SecretValueSpec privateKey) {
    this.privateKey = privateKey;
  }
}
