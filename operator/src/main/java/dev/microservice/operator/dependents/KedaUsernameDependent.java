package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.KedaAuthConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The ConfigMap holding the SASL username KEDA's TriggerAuthentication reads; it shares the ConfigMap informer. */
public class KedaUsernameDependent extends RuntimeDependent<ConfigMap> {
  /** Creates the dependent. */
  public KedaUsernameDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap build(MicroService ms, Context<MicroService> context) {
    return KedaAuthConfigMap.of(ms, PlanConditions.plan(context).auth());
  }

  /** By name: the desired object cannot be built once the spec no longer asks for it, and is not needed to delete it. */
  @Override
  protected ResourceID targetSecondaryResourceID(MicroService ms, Context<MicroService> context) {
    return new ResourceID(KedaAuthConfigMap.name(ms), ms.getMetadata().getNamespace());
  }
}
