package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The downward API: the pod's fields a container's environment or a volume may carry; any other field fails. */
final class DownwardApi {
  private static final Pattern KEYED = Pattern.compile("metadata\\.(labels|annotations)\\['([^']+)'\\]");

  private DownwardApi() {}

  /**
   * @param pod the pod, as the API has it
   * @param podIp its IP
   * @param ref the field reference
   * @return the field's value, as the kubelet renders it
   */
  static String field(Pod pod, String podIp, ObjectFieldSelector ref) {
    String path = ref.getFieldPath();
    Matcher keyed = KEYED.matcher(path);
    if (keyed.matches()) {
      Map<String, String> map = "labels".equals(keyed.group(1)) ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
      return map == null ? "" : map.getOrDefault(keyed.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> pod.getMetadata().getName();
      case "metadata.namespace" -> pod.getMetadata().getNamespace();
      case "metadata.uid" -> pod.getMetadata().getUid();
      case "metadata.labels" -> lines(pod.getMetadata().getLabels());
      case "metadata.annotations" -> lines(pod.getMetadata().getAnnotations());
      case "spec.nodeName" -> pod.getSpec().getNodeName();
      case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
      case "status.podIP", "status.podIPs" -> podIp;
      case "status.hostIP", "status.hostIPs" -> PodNetwork.NODE_IP;
      default -> throw new IllegalStateException("the node agent cannot honour the downward API field " + path);
    };
  }

  /** All labels or annotations, one {@code key="value"} a line, sorted, as in a downwardAPI volume. */
  private static String lines(Map<String, String> map) {
    return new TreeMap<>(map == null ? Map.<String, String>of() : map).entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"")
        .collect(Collectors.joining("\n"));
  }
}
