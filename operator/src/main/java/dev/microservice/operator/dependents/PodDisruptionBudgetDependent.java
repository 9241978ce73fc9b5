package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.desired.RuntimeDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The PodDisruptionBudget of a MicroService's runtime pods. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class PodDisruptionBudgetDependent extends RuntimeDependent<PodDisruptionBudget> {
  /** Creates the dependent. */
  public PodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget build(MicroService ms, Context<MicroService> context) {
    return RuntimeDisruptionBudget.of(ms);
  }

  /** By name: the desired object cannot be built once the spec no longer asks for it, and is not needed to delete it. */
  @Override
  protected ResourceID targetSecondaryResourceID(MicroService ms, Context<MicroService> context) {
    return new ResourceID(ms.getMetadata().getName(), ms.getMetadata().getNamespace());
  }
}
