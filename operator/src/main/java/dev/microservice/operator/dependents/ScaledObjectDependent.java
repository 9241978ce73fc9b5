package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.AutoscalingPlan;
import dev.microservice.operator.desired.Keda;
import dev.microservice.operator.desired.KedaScaledObject;
import dev.microservice.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The KEDA ScaledObject scaling a MicroService's Deployment on Kafka lag. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ScaledObjectDependent extends KedaDependent {
  /** Creates the dependent. */
  public ScaledObjectDependent() {
    super(Keda.SCALED_OBJECT, "scaledobjects");
  }

  @Override
  protected GenericKubernetesResource build(MicroService ms, AutoscalingPlan plan) {
    return KedaScaledObject.of(ms, plan.auth());
  }
}
