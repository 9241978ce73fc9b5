package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** How the runtime's replica count follows the load: CPU through an HPA, Kafka lag through KEDA. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"minReplicas", "maxReplicas", "cpuUtilization", "kafkaLag"})
// The same checks, paths and words as AutoscalingValidator.
@ValidationRule(value = "has(self.cpuUtilization) || has(self.kafkaLag)", message = AutoscalingSpec.NO_METRIC)
@ValidationRule(value = "self.maxReplicas >= (has(self.minReplicas) ? self.minReplicas : 1)", fieldPath = ".maxReplicas",
    message = AutoscalingSpec.MAX_BELOW_MIN)
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas > 0 || has(self.kafkaLag)", fieldPath = ".minReplicas",
    message = AutoscalingSpec.ZERO_WITHOUT_LAG)
public class AutoscalingSpec {
  /** The replicas an autoscaled MicroService keeps at least when minReplicas is not set. */
  public static final int DEFAULT_MIN_REPLICAS = 1;
  static final String NO_METRIC = "set cpuUtilization, kafkaLag or both: the autoscaler needs a metric to follow";
  static final String MAX_BELOW_MIN = "must be at least minReplicas and at least 1";
  static final String ZERO_WITHOUT_LAG =
      "0 (scale to zero) needs kafkaLag: only Kafka lag can wake a MicroService that has no pods";

  @JsonPropertyDescription("Fewest runtime pods, 0 to 1000. 0 scales to zero when the topics are idle; it needs"
      + " kafkaLag and only Kafka servers (a gRPC server must stay up to answer calls). Defaults to 1.")
  @Min(0)
  @Max(MicroServiceSpec.MAX_REPLICAS)
  @Default("1")
  private Integer minReplicas = DEFAULT_MIN_REPLICAS;

  @JsonPropertyDescription("Most runtime pods, 1 to 1000, and at least minReplicas. Required.")
  @Required
  @Min(1)
  @Max(MicroServiceSpec.MAX_REPLICAS)
  private Integer maxReplicas;

  @JsonPropertyDescription("Target average CPU use, in percent of the runtime container's CPU request (1 to 1000):"
      + " a HorizontalPodAutoscaler adds pods above it. Needs spec.resources.requests.cpu.")
  @Min(1)
  @Max(1000)
  private Integer cpuUtilization;

  @JsonPropertyDescription("Target Kafka consumer lag per pod, in records, summed over the partitions of each Kafka"
      + " server's topics for the runtime's own consumer group: KEDA adds pods while the lag is above it. Needs KEDA"
      + " in the cluster and at least one Kafka server whose consumption is 'group'.")
  @Min(1)
  private Long kafkaLag;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getCpuUtilization() {
    return cpuUtilization;
  }

  public void setCpuUtilization(Integer cpuUtilization) {
    this.cpuUtilization = cpuUtilization;
  }

  public Long getKafkaLag() {
    return kafkaLag;
  }

  public void setKafkaLag(Long kafkaLag) {
    this.kafkaLag = kafkaLag;
  }

  /** @return minReplicas, or its default when unset */
  public int effectiveMinReplicas() {
    return minReplicas == null ? DEFAULT_MIN_REPLICAS : minReplicas;
  }

  /** @return whether the scaling needs KEDA: lag as a metric, or scale to zero */
  public boolean needsKeda() {
    return kafkaLag != null || effectiveMinReplicas() == 0;
  }
}
