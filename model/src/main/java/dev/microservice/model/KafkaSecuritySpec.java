package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How a Kafka server authenticates to and encrypts its traffic with the brokers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// The protocol/SASL/TLS combinations, checked by the API server too (KafkaSpecValidator has the same rules and paths).
@ValidationRule(value = "!has(self.sasl) || (has(self.protocol) && self.protocol in ['SASL_PLAINTEXT', 'SASL_SSL'])",
    fieldPath = ".sasl", message = "needs protocol SASL_PLAINTEXT or SASL_SSL")
@ValidationRule(value = "has(self.sasl) || !has(self.protocol) || !(self.protocol in ['SASL_PLAINTEXT', 'SASL_SSL'])",
    fieldPath = ".sasl", message = "is required with protocol SASL_PLAINTEXT or SASL_SSL")
@ValidationRule(value = "!has(self.tls) || (has(self.protocol) && self.protocol in ['SSL', 'SASL_SSL'])",
    fieldPath = ".tls", message = "needs protocol SSL or SASL_SSL")
public class KafkaSecuritySpec {
  /** Kafka's security.protocol values. */
  public enum Protocol {
    /** No authentication, no encryption. */
    PLAINTEXT,
    /** TLS. */
    SSL,
    /** SASL without encryption. */
    SASL_PLAINTEXT,
    /** SASL over TLS. */
    SASL_SSL
  }

  @JsonPropertyDescription("Kafka security.protocol: PLAINTEXT (the default), SSL, SASL_PLAINTEXT or SASL_SSL.")
  @Default("PLAINTEXT")
  private Protocol protocol = Protocol.PLAINTEXT;

  @JsonPropertyDescription("SASL settings; required with SASL_PLAINTEXT and SASL_SSL.")
  private SaslSpec sasl;

  @JsonPropertyDescription("TLS settings for SSL and SASL_SSL; without them the JVM's trusted CAs are used.")
  private TlsSpec tls;

  public Protocol getProtocol() {
    return protocol;
  }

  public void setProtocol(Protocol protocol) {
    this.protocol = protocol;
  }

  public SaslSpec getSasl() {
    return sasl;
  }

  public void setSasl(SaslSpec sasl) {
    this.sasl = sasl;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }
}
