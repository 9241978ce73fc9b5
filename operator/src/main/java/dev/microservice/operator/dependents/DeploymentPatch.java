package dev.microservice.operator.dependents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The update of an existing Deployment as a JSON Patch (RFC 6902) that sets every field of the desired spec, its
 * labels, annotations and owner, and nothing else: unlike a full replace (PUT), it leaves out {@code spec.replicas}
 * when the desired Deployment has none, so the count an autoscaler set through the scale subresource stays. (A PUT
 * without replicas makes the API server default them to 1; server-side apply would too, for a field the operator had
 * owned, and fabric8's mock server cannot apply.)
 *
 * <p>The patch carries the resourceVersion the operator read, so a write that raced it fails with 409 Conflict and
 * is retried on fresh data, as a replace would.
 *
 * <p>From fixed replicas to autoscaling, the next update simply stops carrying {@code replicas}: the Deployment keeps
 * the count it had, and the autoscaler moves it from there (within its minimum and maximum). Back to fixed replicas,
 * the update sets {@code spec.replicas} again.
 */
final class DeploymentPatch {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DeploymentPatch() {}

  /**
   * @param actual the Deployment as it is
   * @param desired the Deployment as the operator wants it
   * @param serialization the client's serialization, to turn objects into JSON
   * @return the JSON Patch
   */
  static String of(Deployment actual, Deployment desired, KubernetesSerialization serialization) {
    ArrayNode ops = NODES.arrayNode();
    ops.add(op("replace", "/metadata/resourceVersion", NODES.textNode(actual.getMetadata().getResourceVersion())));
    addEntries(ops, "/metadata/labels", actual.getMetadata().getLabels(), desired.getMetadata().getLabels());
    addEntries(ops, "/metadata/annotations", actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
    addOwners(ops, actual.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences(), serialization);
    JsonNode spec = serialization.convertValue(desired.getSpec(), JsonNode.class);
    for (Iterator<Map.Entry<String, JsonNode>> fields = spec.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isNull()) {
        ops.add(op("add", "/spec/" + escape(field.getKey()), field.getValue()));
      }
    }
    return ops.toString();
  }

  /** Adds or replaces each desired entry of a map, creating the map when the object has none. */
  private static void addEntries(ArrayNode ops, String path, Map<String, String> actual, Map<String, String> desired) {
    if (desired == null || desired.isEmpty()) {
      return;
    }
    if (actual == null) {
      ObjectNode all = NODES.objectNode();
      desired.forEach(all::put);
      ops.add(op("add", path, all));
      return;
    }
    desired.forEach((key, value) -> {
      if (!value.equals(actual.get(key))) {
        ops.add(op("add", path + "/" + escape(key), NODES.textNode(value)));
      }
    });
  }

  /** Adds the desired owner references the object lacks; other owners stay. */
  private static void addOwners(ArrayNode ops, List<OwnerReference> actual, List<OwnerReference> desired,
      KubernetesSerialization json) {
    if (desired == null || desired.isEmpty()) {
      return;
    }
    List<OwnerReference> missing = desired.stream()
        .filter(d -> actual == null || actual.stream().noneMatch(a -> a.getUid().equals(d.getUid()))).toList();
    if (actual == null || actual.isEmpty()) {
      ops.add(op("add", "/metadata/ownerReferences", json.convertValue(missing, JsonNode.class)));
    } else {
      missing.forEach(m -> ops.add(op("add", "/metadata/ownerReferences/-", json.convertValue(m, JsonNode.class))));
    }
  }

  private static ObjectNode op(String op, String path, JsonNode value) {
    return NODES.objectNode().put("op", op).put("path", path).set("value", value);
  }

  /** RFC 6901: '~' and '/' in a key. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
