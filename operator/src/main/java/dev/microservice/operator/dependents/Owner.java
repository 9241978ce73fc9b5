package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/** Marks an object as controlled by its MicroService, so Kubernetes deletes it with the MicroService. */
final class Owner {
  private Owner() {}

  static <T extends HasMetadata> T controlledBy(T child, MicroService ms) {
    child.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
        .withApiVersion(ms.getApiVersion())
        .withKind(ms.getKind())
        .withName(ms.getMetadata().getName())
        .withUid(ms.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build()));
    return child;
  }
}
