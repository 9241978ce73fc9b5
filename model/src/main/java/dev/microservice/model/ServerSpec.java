package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** One server of the runtime: a gRPC server or a Kafka consumer, and the namespaces it serves. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "grpc", "kafka", "namespaces"})
@ValidationRule(value = "has(self.grpc) != has(self.kafka)", message = "set exactly one of grpc or kafka")
public class ServerSpec {
  /** Server names double as container port names, so they follow IANA service-name rules. */
  public static final String NAME_PATTERN = "^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$";

  @JsonPropertyDescription(
      "Unique name of the server; also the name of its container port. Lower-case letters,"
          + " digits and '-', at most 15 characters, starting with a letter.")
  @Required
  @Pattern(NAME_PATTERN)
  @Size(max = 15)
  private String name;

  @JsonPropertyDescription("Makes this a gRPC server. Set exactly one of grpc and kafka.")
  private GrpcServerSpec grpc;

  @JsonPropertyDescription("Makes this a Kafka consumer. Set exactly one of grpc and kafka.")
  private KafkaServerSpec kafka;

  @JsonPropertyDescription(
      "The namespaces this server serves: gRPC namespaces (the RPCMessage Namespace field) or"
          + " Kafka topics.")
  @Required
  @Size(min = 1, max = 32)
  private List<NamespaceSpec> namespaces = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public GrpcServerSpec getGrpc() {
    return grpc;
  }

  public void setGrpc(GrpcServerSpec grpc) {
    this.grpc = grpc;
  }

  public KafkaServerSpec getKafka() {
    return kafka;
  }

  public void setKafka(KafkaServerSpec kafka) {
    this.kafka = kafka;
  }

  public List<NamespaceSpec> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<NamespaceSpec> namespaces) {
    this.namespaces = namespaces;
  }

  /** @return "grpc", "kafka", or "unknown" when not exactly one is set */
  @JsonIgnore
  public String type() {
    if (grpc != null && kafka == null) {
      return "grpc";
    }
    if (kafka != null && grpc == null) {
      return "kafka";
    }
    return "unknown";
  }
}
