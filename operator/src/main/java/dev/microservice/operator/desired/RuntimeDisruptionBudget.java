package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** The PodDisruptionBudget of the runtime pods, when spec.disruption is set. */
public final class RuntimeDisruptionBudget {
  private RuntimeDisruptionBudget() {}

  /** @return the desired PodDisruptionBudget (spec.disruption is set) */
  public static PodDisruptionBudget of(MicroService ms) {
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withNewSpec()
        .withMaxUnavailable(ms.getSpec().getDisruption().effectiveMaxUnavailable())
        .withNewSelector().withMatchLabels(Labels.selector(ms)).endSelector()
        .endSpec()
        .build();
  }
}
