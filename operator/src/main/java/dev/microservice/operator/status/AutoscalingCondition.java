package dev.microservice.operator.status;

import dev.microservice.model.AutoscalingSpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.Problem;
import dev.microservice.operator.dependents.KedaDiscovery;
import dev.microservice.operator.desired.AutoscalingPlan;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.stream.Collectors;

/**
 * The {@value #TYPE} condition: which autoscaler follows the load, or why the one asked for cannot (KEDA not
 * installed, or unable to read a Kafka server's settings) and what stands in for it. None without spec.autoscaling.
 */
public final class AutoscalingCondition {
  /** The condition type. */
  public static final String TYPE = "Autoscaling";

  private AutoscalingCondition() {}

  /** @return the condition (without its times), or null when the spec does not ask for autoscaling */
  public static Condition of(MicroService ms, AutoscalingPlan plan) {
    AutoscalingSpec scaling = ms.getSpec().getAutoscaling();
    if (scaling == null) {
      return null;
    }
    String range = scaling.effectiveMinReplicas() + " to " + scaling.getMaxReplicas() + " replicas";
    String cpu = scaling.getCpuUtilization() == null ? "" : "CPU (" + scaling.getCpuUtilization() + "% of the request)";
    return switch (plan.kedaUse()) {
      case SCALED_OBJECT -> StatusCalculator.condition(TYPE, true, Reason.ScaledByKeda, "KEDA ScaledObject "
          + ms.getMetadata().getName() + " scales " + range + " on Kafka lag (" + scaling.getKafkaLag()
          + " records per replica)" + (cpu.isEmpty() ? "" : " and " + cpu));
      case NOT_NEEDED -> StatusCalculator.condition(TYPE, true, Reason.ScaledByHpa, "HorizontalPodAutoscaler "
          + ms.getMetadata().getName() + " scales " + range + " on " + cpu);
      case NOT_INSTALLED -> StatusCalculator.condition(TYPE, false, Reason.KedaNotInstalled, "KEDA is not installed (the"
          + " cluster does not serve keda.sh/v1alpha1 ScaledObject), so spec.autoscaling.kafkaLag is not followed; "
          + fallback(scaling) + "; install KEDA (docs/autoscaling.md) and the operator picks it up within "
          + KedaDiscovery.EXPIRY.toSeconds() + " seconds");
      case UNSUPPORTED -> StatusCalculator.condition(TYPE, false, Reason.KedaUnsupportedServer, "no KEDA ScaledObject: "
          + plan.auth().problems().stream().map(Problem::toString).collect(Collectors.joining("; ")) + "; "
          + fallback(scaling));
    };
  }

  private static String fallback(AutoscalingSpec scaling) {
    return scaling.getCpuUtilization() != null
        ? "a HorizontalPodAutoscaler scales on CPU (spec.autoscaling.cpuUtilization) instead, with at least 1 replica"
        : "the Deployment keeps its current replica count";
  }
}
