package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The recommended Kubernetes labels the operator puts on everything it creates. */
public final class Labels {
  /** The value of app.kubernetes.io/managed-by. */
  public static final String MANAGED_BY = "microservice-operator";
  /** Selects the objects this operator manages (for its informers). */
  public static final String MANAGED_SELECTOR = "app.kubernetes.io/managed-by=" + MANAGED_BY;
  static final String NAME = "app.kubernetes.io/name";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String MANAGED_BY_KEY = "app.kubernetes.io/managed-by";

  private Labels() {}

  /** @return the labels that select the runtime pods of a MicroService */
  public static Map<String, String> selector(MicroService ms) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, ms.getMetadata().getName());
    labels.put(INSTANCE, ms.getMetadata().getName());
    return labels;
  }

  /** @return all recommended labels of an object of a MicroService */
  public static Map<String, String> of(MicroService ms) {
    Map<String, String> labels = selector(ms);
    labels.put(COMPONENT, "runtime");
    labels.put(MANAGED_BY_KEY, MANAGED_BY);
    return labels;
  }

  /**
   * Maps a pod (or any object carrying our labels) to the MicroService it runs for.
   *
   * @param object a labelled object
   * @return the MicroService's id, or none
   */
  public static java.util.Set<io.javaoperatorsdk.operator.processing.event.ResourceID> owningMicroService(
      io.fabric8.kubernetes.api.model.HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String instance = labels == null ? null : labels.get(INSTANCE);
    return instance == null ? java.util.Set.of()
        : java.util.Set.of(new io.javaoperatorsdk.operator.processing.event.ResourceID(instance, object.getMetadata().getNamespace()));
  }

  /** @return the selector as a string, e.g. for the scale subresource */
  public static String selectorString(MicroService ms) {
    return selector(ms).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
