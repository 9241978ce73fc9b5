package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.OperatorSettings;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.desired.RuntimeDeployment;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The runtime Deployment of a MicroService. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimeDeploymentDependent extends RuntimeDependent<Deployment> {
  /** Creates the dependent. */
  public RuntimeDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected Deployment build(MicroService ms, Context<MicroService> context) {
    OperatorSettings settings = context.managedWorkflowAndDependentResourceContext()
        .getMandatory(OperatorSettings.class, OperatorSettings.class);
    return RuntimeDeployment.of(ms, settings.runtimeImage(), RuntimeConfigMapDependent.rendered(ms, context));
  }
}
