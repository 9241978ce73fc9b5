package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * A secondary resource of a MicroService: built by a pure function of {@code desired/}, owned by the MicroService,
 * stamped and matched by {@link DesiredMatch}.
 *
 * @param <R> the resource type
 */
abstract class RuntimeDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, MicroService> {
  private final Class<R> type;

  RuntimeDependent(Class<R> type) {
    super(type);
    this.type = type;
  }

  /** @return the desired object, before ownership and stamping */
  protected abstract R build(MicroService ms, Context<MicroService> context);

  /**
   * Built once per reconcile and kept in the workflow context, which lives as long as one reconcile: JOSDK asks for
   * the desired object more than once (to find the secondary resource, then to match it).
   */
  @Override
  protected final R desired(MicroService ms, Context<MicroService> context) {
    var reconcile = context.managedWorkflowAndDependentResourceContext();
    R built = reconcile.get(this, type).orElse(null);
    if (built == null) {
      built = DesiredMatch.stamped(Owner.controlledBy(build(ms, context), ms));
      reconcile.put(this, built); // returns the previous value, not this one
    }
    return built;
  }

  @Override
  public Matcher.Result<R> match(R actual, R desired, MicroService primary, Context<MicroService> context) {
    return Matcher.Result.computed(DesiredMatch.matches(actual, desired), desired);
  }
}
