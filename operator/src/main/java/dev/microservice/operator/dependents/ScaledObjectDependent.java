package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.KedaScaledObject;
import dev.microservice.operator.desired.Labels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The KEDA ScaledObject scaling a MicroService's Deployment on Kafka lag; its informer runs only while KEDA is installed. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ScaledObjectDependent extends RuntimeDependent<KedaResources.ScaledObject> {
  /** Creates the dependent. */
  public ScaledObjectDependent() {
    super(KedaResources.ScaledObject.class);
  }

  @Override
  protected KedaResources.ScaledObject build(MicroService ms, Context<MicroService> context) {
    return KedaResources.copy(KedaScaledObject.of(ms, PlanConditions.plan(context).auth()), new KedaResources.ScaledObject());
  }

  /** By name: the desired object cannot be built once the spec no longer asks for it, and is not needed to delete it. */
  @Override
  protected ResourceID targetSecondaryResourceID(MicroService ms, Context<MicroService> context) {
    return new ResourceID(ms.getMetadata().getName(), ms.getMetadata().getNamespace());
  }
}
