package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.Map;

/** KEDA's API as the operator writes it (fabric8 has no KEDA model): keda.sh/v1alpha1 objects as generic resources. */
public final class Keda {
  /** KEDA's API group. */
  public static final String GROUP = "keda.sh";
  /** The API version of ScaledObject and TriggerAuthentication. */
  public static final String API_VERSION = GROUP + "/v1alpha1";
  /** The kind whose presence says KEDA is installed. */
  public static final String SCALED_OBJECT = "ScaledObject";
  /** The kind holding a scaler's credentials. */
  public static final String TRIGGER_AUTHENTICATION = "TriggerAuthentication";

  private Keda() {}

  /** @return a KEDA object of a MicroService, named after it, with the recommended labels and this spec */
  static GenericKubernetesResource object(String kind, MicroService ms, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(kind)
        .withNewMetadata()
        .withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }
}
