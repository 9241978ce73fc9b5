package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.KedaTriggerAuthentication;
import dev.microservice.operator.desired.Labels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The KEDA TriggerAuthentication naming the Secret keys of a MicroService's Kafka SASL/TLS. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class TriggerAuthenticationDependent extends OptionalDependent<KedaResources.TriggerAuthentication> {
  /** Creates the dependent. */
  public TriggerAuthenticationDependent() {
    super(KedaResources.TriggerAuthentication.class);
  }

  @Override
  protected KedaResources.TriggerAuthentication build(MicroService ms, Context<MicroService> context) {
    return KedaResources.copy(KedaTriggerAuthentication.of(ms, PlanConditions.plan(context).auth()),
        new KedaResources.TriggerAuthentication());
  }
}
