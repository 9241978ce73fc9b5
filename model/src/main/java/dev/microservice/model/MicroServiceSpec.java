package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired state of a MicroService: its endpoints, its servers and their configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"replicas", "autoscaling", "disruption", "endpoints", "runtimeImage", "servers", "config", "env",
    "resources", "pod", "observability", "drainTimeoutSeconds"})
// The same checks, paths and words as AutoscalingValidator.
// The server stores the schema default 1 when replicas is unset, so CEL can refuse only a count other than 1; the
// offline validator, which sees what the user wrote, refuses any.
@ValidationRule(value = "!has(self.autoscaling) || !has(self.replicas) || self.replicas == 1", fieldPath = ".autoscaling",
    message = MicroServiceSpec.REPLICAS_AND_AUTOSCALING)
@ValidationRule(value = "!has(self.autoscaling) || !has(self.autoscaling.minReplicas) || self.autoscaling.minReplicas > 0"
    + " || self.servers.all(s, has(s.kafka))", fieldPath = ".autoscaling.minReplicas",
    message = MicroServiceSpec.ZERO_WITH_GRPC)
@ValidationRule(value = "!has(self.autoscaling) || !has(self.autoscaling.kafkaLag) || self.servers.exists(s, has(s.kafka)"
    + " && (!has(s.kafka.consumption) || s.kafka.consumption == 'group'))", fieldPath = ".autoscaling.kafkaLag",
    message = MicroServiceSpec.LAG_WITHOUT_GROUP)
public class MicroServiceSpec {
  static final String REPLICAS_AND_AUTOSCALING = "spec.replicas and spec.autoscaling cannot both be set: with"
      + " autoscaling the autoscaler owns the replica count; remove spec.replicas";
  static final String ZERO_WITH_GRPC = "0 (scale to zero) needs every server to be Kafka: a gRPC server must stay up"
      + " to answer calls";
  static final String LAG_WITHOUT_GROUP = "needs a Kafka server whose consumption is 'group': KEDA measures the lag"
      + " of a consumer group (a share group has none)";

  /** The drain timeout used when a manifest does not set one. */
  public static final int DEFAULT_DRAIN_TIMEOUT_SECONDS = 30;

  /** The replicas used when a manifest does not set one. */
  public static final int DEFAULT_REPLICAS = 1;
  /** The most replicas a MicroService may ask for: a guard against typos, far above what one service needs. */
  public static final int MAX_REPLICAS = 1000;

  @JsonPropertyDescription("Number of runtime pods, 0 to 1000 (the bound catches typos such as 10000 before they flood"
      + " the cluster; split a larger fleet into several MicroServices). Defaults to 1. Also set by kubectl scale,"
      + " through the scale subresource. Leave it unset with autoscaling, which owns the count: the server then keeps"
      + " the default 1 here, which the operator ignores, and refuses any other value.")
  @Min(0)
  @Max(MAX_REPLICAS)
  @Default("1")
  @SpecReplicas
  // null in Java when the manifest leaves it out, so msvc validate can tell 'replicas: 1' from unset.
  private Integer replicas;

  @JsonPropertyDescription("Follow the load: pods between minReplicas and maxReplicas, on CPU (a"
      + " HorizontalPodAutoscaler) and on Kafka lag (a KEDA ScaledObject, which also scales to zero).")
  private AutoscalingSpec autoscaling;

  @JsonPropertyDescription("A PodDisruptionBudget for the runtime pods.")
  private DisruptionSpec disruption;

  @JsonPropertyDescription("Where the endpoint jars come from.")
  @Required
  private EndpointsSpec endpoints;

  @JsonPropertyDescription("The runtime image. Defaults to the one the operator is configured with.")
  private String runtimeImage;

  @JsonPropertyDescription(
      "The servers the runtime starts: each is either a gRPC server or a Kafka consumer, and"
          + " serves one or more namespaces.")
  @Required
  @Size(min = 1, max = 16)
  // Unique names: the list is a list-map keyed by name (CrdSyncTest), which the server enforces at no CEL cost.
  @ValidationRule(value = "self.all(x, !has(x.grpc) || self.exists_one(y, has(y.grpc) && y.grpc.port == x.grpc.port))",
      message = "gRPC ports must be unique")
  private List<ServerSpec> servers = new ArrayList<>();

  @JsonPropertyDescription(
      "Configuration entries handed to every endpoint's init method. Not for secrets.")
  private Map<String, String> config = new LinkedHashMap<>();

  @JsonPropertyDescription("Extra environment variables of the runtime container (e.g. for secrets that endpoints read).")
  private List<EnvVar> env = new ArrayList<>();

  @JsonPropertyDescription("CPU and memory requests and limits of the runtime container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Pod settings: labels, annotations, scheduling, service account, priority class.")
  private PodSpecOverrides pod;

  @JsonPropertyDescription("Traces exported over OTLP and the runtime's log format (text or json). The operator turns"
      + " them into the runtime's OTEL_* and LOG_FORMAT environment variables; a spec.env entry of the same name"
      + " wins.")
  private ObservabilitySpec observability;

  @JsonPropertyDescription(
      "Seconds the runtime waits for in-flight requests to finish after SIGTERM before it exits."
          + " Defaults to 30.")
  @Min(0)
  @Max(3600)
  @Default("30")
  private Integer drainTimeoutSeconds = DEFAULT_DRAIN_TIMEOUT_SECONDS;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  /** @return spec.replicas, or 1 when unset */
  public int effectiveReplicas() {
    return replicas == null ? DEFAULT_REPLICAS : replicas;
  }

  public AutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }

  public DisruptionSpec getDisruption() {
    return disruption;
  }

  public void setDisruption(DisruptionSpec disruption) {
    this.disruption = disruption;
  }

  public EndpointsSpec getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(EndpointsSpec endpoints) {
    this.endpoints = endpoints;
  }

  public List<ServerSpec> getServers() {
    return servers;
  }

  public void setServers(List<ServerSpec> servers) {
    this.servers = servers;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public String getRuntimeImage() {
    return runtimeImage;
  }

  public void setRuntimeImage(String runtimeImage) {
    this.runtimeImage = runtimeImage;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public PodSpecOverrides getPod() {
    return pod;
  }

  public void setPod(PodSpecOverrides pod) {
    this.pod = pod;
  }

  public ObservabilitySpec getObservability() {
    return observability;
  }

  public void setObservability(ObservabilitySpec observability) {
    this.observability = observability;
  }

  public Integer getDrainTimeoutSeconds() {
    return drainTimeoutSeconds;
  }

  public void setDrainTimeoutSeconds(Integer drainTimeoutSeconds) {
    this.drainTimeoutSeconds = drainTimeoutSeconds;
  }
}
