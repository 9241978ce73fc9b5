package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Settings of a gRPC server serving {@code rpc.MessageService/Command}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"port", "maxInboundMessageBytes", "reflection", "tls"})
public class GrpcServerSpec {
  /** The inbound message limit used when a manifest does not set one: 4 MiB. */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

  @JsonPropertyDescription("TCP port the server listens on, 1 to 65535.")
  @Required
  @Min(1)
  @Max(65535)
  private Integer port;

  @JsonPropertyDescription(
      "Largest request message accepted, in bytes; larger ones fail with RESOURCE_EXHAUSTED."
          + " Defaults to 4194304 (4 MiB).")
  @Min(1)
  @Default("4194304")
  private Integer maxInboundMessageBytes = DEFAULT_MAX_INBOUND_MESSAGE_BYTES;

  @JsonPropertyDescription("Whether to serve gRPC server reflection. Defaults to true.")
  @Default("true")
  private Boolean reflection = true;

  @JsonPropertyDescription("Serve TLS with this certificate and key instead of plaintext.")
  private GrpcTlsSpec tls;

  public GrpcTlsSpec getTls() {
    return tls;
  }

  public void setTls(GrpcTlsSpec tls) {
    this.tls = tls;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Integer getMaxInboundMessageBytes() {
    return maxInboundMessageBytes;
  }

  public void setMaxInboundMessageBytes(Integer maxInboundMessageBytes) {
    this.maxInboundMessageBytes = maxInboundMessageBytes;
  }

  public Boolean getReflection() {
    return reflection;
  }

  public void setReflection(Boolean reflection) {
    this.reflection = reflection;
  }
}
