package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.desired.RuntimeAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The HorizontalPodAutoscaler scaling a MicroService's Deployment on CPU (also the fallback without KEDA). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class HorizontalPodAutoscalerDependent extends RuntimeDependent<HorizontalPodAutoscaler> {
  /** Creates the dependent. */
  public HorizontalPodAutoscalerDependent() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected HorizontalPodAutoscaler build(MicroService ms, Context<MicroService> context) {
    return RuntimeAutoscaler.of(ms);
  }

  /** By name: the desired object cannot be built once the spec no longer asks for it, and is not needed to delete it. */
  @Override
  protected ResourceID targetSecondaryResourceID(MicroService ms, Context<MicroService> context) {
    return new ResourceID(ms.getMetadata().getName(), ms.getMetadata().getNamespace());
  }
}
