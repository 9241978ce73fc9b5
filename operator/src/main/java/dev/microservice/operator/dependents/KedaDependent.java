package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.AutoscalingPlan;
import dev.microservice.operator.desired.Keda;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GroupVersionKindPlural;

/**
 * A KEDA object of a MicroService (fabric8 has no KEDA model, so a generic resource): built from the reconcile's
 * {@link AutoscalingPlan}, owned by the MicroService, stamped and matched by {@link DesiredMatch} as the other
 * dependents are. Its informer starts only while KEDA is installed (the workflow's activation condition).
 */
abstract class KedaDependent extends GenericKubernetesDependentResource<MicroService>
    implements Creator<GenericKubernetesResource, MicroService>, Updater<GenericKubernetesResource, MicroService>,
    GarbageCollected<MicroService> {

  KedaDependent(String kind, String plural) {
    super(GroupVersionKindPlural.gvkWithPlural(new GroupVersionKind(Keda.API_VERSION, kind), plural));
  }

  /** @return the desired object, before ownership and stamping */
  protected abstract GenericKubernetesResource build(MicroService ms, AutoscalingPlan plan);

  @Override
  protected final GenericKubernetesResource desired(MicroService ms, Context<MicroService> context) {
    var reconcile = context.managedWorkflowAndDependentResourceContext();
    GenericKubernetesResource built = reconcile.get(this, GenericKubernetesResource.class).orElse(null);
    if (built == null) {
      built = DesiredMatch.stamped(Owner.controlledBy(build(ms, PlanConditions.plan(context)), ms));
      reconcile.put(this, built);
    }
    return built;
  }

  @Override
  public Matcher.Result<GenericKubernetesResource> match(GenericKubernetesResource actual, GenericKubernetesResource desired,
      MicroService primary, Context<MicroService> context) {
    return Matcher.Result.computed(DesiredMatch.matches(actual, desired), desired);
  }
}
