package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.desired.RuntimeConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime's manifest ConfigMap of a MicroService. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimeConfigMapDependent extends RuntimeDependent<ConfigMap> {
  /** Creates the dependent. */
  public RuntimeConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap build(MicroService ms, Context<MicroService> context) {
    return rendered(ms, context);
  }

  /** @return the ConfigMap rendered once per reconcile, for this dependent and for the Deployment's config hash */
  static ConfigMap rendered(MicroService ms, Context<MicroService> context) {
    var reconcile = context.managedWorkflowAndDependentResourceContext();
    return reconcile.get(RuntimeConfigMap.class, ConfigMap.class).orElseGet(() -> {
      ConfigMap configMap = RuntimeConfigMap.of(ms);
      reconcile.put(RuntimeConfigMap.class, configMap);
      return configMap;
    });
  }
}
