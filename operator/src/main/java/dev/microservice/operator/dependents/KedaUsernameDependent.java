package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.KedaAuthConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** The ConfigMap holding the SASL username KEDA's TriggerAuthentication reads; it shares the ConfigMap informer. */
public class KedaUsernameDependent extends OptionalDependent<ConfigMap> {
  /** Creates the dependent. */
  public KedaUsernameDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap build(MicroService ms, Context<MicroService> context) {
    return KedaAuthConfigMap.of(ms, PlanConditions.plan(context).auth());
  }

  @Override
  protected String name(MicroService ms) {
    return KedaAuthConfigMap.name(ms);
  }
}
