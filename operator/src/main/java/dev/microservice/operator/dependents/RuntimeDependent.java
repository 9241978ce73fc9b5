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
  RuntimeDependent(Class<R> type) {
    super(type);
  }

  /** @return the desired object, before ownership and stamping */
  protected abstract R build(MicroService ms, Context<MicroService> context);

  @Override
  protected final R desired(MicroService ms, Context<MicroService> context) {
    return DesiredMatch.stamped(Owner.controlledBy(build(ms, context), ms));
  }

  @Override
  public Matcher.Result<R> match(R actual, R desired, MicroService primary, Context<MicroService> context) {
    return Matcher.Result.computed(DesiredMatch.matches(actual, desired), desired);
  }
}
