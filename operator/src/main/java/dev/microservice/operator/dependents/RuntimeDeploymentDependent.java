package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.OperatorSettings;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.desired.RuntimeDeployment;
import dev.microservice.operator.desired.SecretsHash;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The runtime Deployment of a MicroService. Created whole; updated by a {@link DeploymentPatch}, which leaves
 * {@code spec.replicas} alone while an autoscaler owns it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class RuntimeDeploymentDependent extends RuntimeDependent<Deployment> {
  /** Creates the dependent. */
  public RuntimeDeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected Deployment build(MicroService ms, Context<MicroService> context) {
    var workflow = context.managedWorkflowAndDependentResourceContext();
    OperatorSettings settings = workflow.getMandatory(OperatorSettings.class, OperatorSettings.class);
    return RuntimeDeployment.of(ms, settings.runtimeImage(), RuntimeConfigMapDependent.rendered(ms, context),
        workflow.get(SecretsHash.class, String.class).orElse(null));
  }

  @Override
  public Deployment update(Deployment actual, Deployment desired, MicroService ms, Context<MicroService> context) {
    addMetadata(false, actual, desired, ms, context);
    return context.getClient().apps().deployments().inNamespace(actual.getMetadata().getNamespace())
        .withName(actual.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), DeploymentPatch.of(actual, desired, context.getClient().getKubernetesSerialization()));
  }
}
