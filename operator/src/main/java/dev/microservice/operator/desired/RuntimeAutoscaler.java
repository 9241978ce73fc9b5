package dev.microservice.operator.desired;

import dev.microservice.model.AutoscalingSpec;
import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

/**
 * The HorizontalPodAutoscaler scaling the runtime Deployment on CPU: used when spec.autoscaling has only
 * cpuUtilization, and in place of KEDA's ScaledObject when KEDA cannot be used. At least one replica: a plain HPA
 * cannot scale to zero.
 */
public final class RuntimeAutoscaler {
  private RuntimeAutoscaler() {}

  /** @return the desired HPA (spec.autoscaling.cpuUtilization is set) */
  public static HorizontalPodAutoscaler of(MicroService ms) {
    AutoscalingSpec scaling = ms.getSpec().getAutoscaling();
    return new HorizontalPodAutoscalerBuilder()
        .withNewMetadata()
        .withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withNewSpec()
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(ms.getMetadata().getName())
        .endScaleTargetRef()
        .withMinReplicas(Math.max(1, scaling.effectiveMinReplicas()))
        .withMaxReplicas(scaling.getMaxReplicas())
        .addNewMetric()
        .withType("Resource")
        .withNewResource().withName("cpu")
        .withNewTarget().withType("Utilization").withAverageUtilization(scaling.getCpuUtilization()).endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }
}
