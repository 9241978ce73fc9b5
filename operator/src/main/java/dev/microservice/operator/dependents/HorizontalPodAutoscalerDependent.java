package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.desired.RuntimeAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The HorizontalPodAutoscaler scaling a MicroService's Deployment on CPU (also the fallback without KEDA). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class HorizontalPodAutoscalerDependent extends OptionalDependent<HorizontalPodAutoscaler> {
  /** Creates the dependent. */
  public HorizontalPodAutoscalerDependent() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected HorizontalPodAutoscaler build(MicroService ms, Context<MicroService> context) {
    return RuntimeAutoscaler.of(ms);
  }
}
