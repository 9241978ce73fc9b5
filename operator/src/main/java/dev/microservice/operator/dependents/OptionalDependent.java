package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A dependent that exists only while the spec asks for it (a workflow reconcilePrecondition). JOSDK finds the object
 * to delete through the desired object, which cannot be built once the spec no longer asks for it; this finds it by
 * name instead.
 *
 * @param <R> the resource type
 */
abstract class OptionalDependent<R extends HasMetadata> extends RuntimeDependent<R> {
  OptionalDependent(Class<R> type) {
    super(type);
  }

  /** @return the object's name: the MicroService's unless overridden */
  protected String name(MicroService ms) {
    return ms.getMetadata().getName();
  }

  @Override
  protected ResourceID targetSecondaryResourceID(MicroService ms, Context<MicroService> context) {
    return new ResourceID(name(ms), ms.getMetadata().getNamespace());
  }
}
