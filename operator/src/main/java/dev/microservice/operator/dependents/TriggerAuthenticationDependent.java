package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.AutoscalingPlan;
import dev.microservice.operator.desired.Keda;
import dev.microservice.operator.desired.KedaTriggerAuthentication;
import dev.microservice.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The KEDA TriggerAuthentication naming the Secret keys of a MicroService's Kafka SASL/TLS. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class TriggerAuthenticationDependent extends KedaDependent {
  /** Creates the dependent. */
  public TriggerAuthenticationDependent() {
    super(Keda.TRIGGER_AUTHENTICATION, "triggerauthentications");
  }

  @Override
  protected GenericKubernetesResource build(MicroService ms, AutoscalingPlan plan) {
    return KedaTriggerAuthentication.of(ms, plan.auth());
  }
}
