package dev.microservice.operator.dependents;

import dev.microservice.operator.desired.Keda;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KEDA's kinds as generic resources with a type of their own, for the dependents' informers. Two reasons: a
 * GenericKubernetesDependentResource resolves its GVK by API discovery whenever JOSDK builds its informer, also to
 * de-register it while the activation condition is false, which fails while KEDA is not installed; and dependents
 * of the one type GenericKubernetesResource share their secondary resources by type, so the ScaledObject dependent
 * took the TriggerAuthentication of the same name for its own. The content stays a generic map built by desired/.
 */
public final class KedaResources {
  private KedaResources() {}

  /** Copies a generic KEDA object into its typed form. */
  static <T extends GenericKubernetesResource> T copy(GenericKubernetesResource from, T to) {
    to.setApiVersion(from.getApiVersion());
    to.setKind(from.getKind());
    to.setMetadata(from.getMetadata());
    to.setAdditionalProperties(from.getAdditionalProperties());
    return to;
  }

  /** keda.sh/v1alpha1 ScaledObject. */
  @Group(Keda.GROUP)
  @Version("v1alpha1")
  @Kind(Keda.SCALED_OBJECT)
  @Plural("scaledobjects")
  public static class ScaledObject extends GenericKubernetesResource implements Namespaced {}

  /** keda.sh/v1alpha1 TriggerAuthentication. */
  @Group(Keda.GROUP)
  @Version("v1alpha1")
  @Kind(Keda.TRIGGER_AUTHENTICATION)
  @Plural("triggerauthentications")
  public static class TriggerAuthentication extends GenericKubernetesResource implements Namespaced {}
}
