package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.KedaScaledObject;
import dev.microservice.operator.desired.Labels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The KEDA ScaledObject scaling a MicroService's Deployment on Kafka lag; its informer runs only while KEDA is installed. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ScaledObjectDependent extends OptionalDependent<KedaResources.ScaledObject> {
  /** Creates the dependent. */
  public ScaledObjectDependent() {
    super(KedaResources.ScaledObject.class);
  }

  @Override
  protected KedaResources.ScaledObject build(MicroService ms, Context<MicroService> context) {
    return KedaResources.copy(KedaScaledObject.of(ms, PlanConditions.plan(context).auth()), new KedaResources.ScaledObject());
  }
}
