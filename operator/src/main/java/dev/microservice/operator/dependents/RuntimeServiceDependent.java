package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.desired.RuntimeService;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Service exposing a MicroService's gRPC ports. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimeServiceDependent extends RuntimeDependent<Service> {
  /** Creates the dependent. */
  public RuntimeServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service build(MicroService ms, Context<MicroService> context) {
    return RuntimeService.of(ms);
  }
}
