package dev.microservice.operator.dependents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Whether an existing object still is what the operator wants, robust to the API server's defaulting.
 *
 * <p>The desired object carries a hash of itself ({@value #HASH}): a changed desired state (a field added, changed or
 * removed) changes the hash. An existing object matches when it carries the same hash and holds every desired field
 * with the desired value; fields the server added (defaults) are ignored. JOSDK's generic matcher is not used: its JSON
 * diff turns a defaulted value that equals another value of the object into a "copy" operation, which it counts as a
 * difference, so a Deployment with {@code replicas: 1} never matched its defaulted copy ({@code successThreshold: 1})
 * and was rewritten on every reconcile on a real API server.
 */
final class DesiredMatch {
  /** The annotation holding the hash of the desired object. */
  static final String HASH = "microservice.dev/desired-hash";
  private static final Set<String> NOT_COMPARED = Set.of("apiVersion", "kind", "metadata", "status");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

  private DesiredMatch() {}

  /** Stamps the desired object with the hash of its content. */
  static <R extends HasMetadata> R stamped(R desired) {
    Map<String, String> annotations = desired.getMetadata().getAnnotations() == null ? new HashMap<>()
        : new HashMap<>(desired.getMetadata().getAnnotations());
    annotations.remove(HASH);
    desired.getMetadata().setAnnotations(annotations);
    annotations.put(HASH, hash(desired));
    return desired;
  }

  /** @return true when the existing object carries the desired hash and every desired field with its value */
  static boolean matches(HasMetadata actual, HasMetadata desired) {
    Map<String, String> have = actual.getMetadata().getAnnotations();
    if (have == null || !desired.getMetadata().getAnnotations().get(HASH).equals(have.get(HASH))) {
      return false;
    }
    JsonNode want = JSON.valueToTree(desired);
    JsonNode is = JSON.valueToTree(actual);
    if (!contains(is.path("metadata").path("labels"), want.path("metadata").path("labels"))
        || !contains(is.path("metadata").path("annotations"), want.path("metadata").path("annotations"))) {
      return false;
    }
    for (Iterator<String> fields = want.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!NOT_COMPARED.contains(field) && !contains(is.get(field), want.get(field))) {
        return false;
      }
    }
    return true;
  }

  /** Objects hold every desired field; lists have the same length, element by element; values are equal. */
  static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired == null || desired.isMissingNode()) {
      return true;
    }
    if (actual == null || actual.isMissingNode()) {
      return desired.isNull() || desired.isEmpty() && desired.isContainerNode();
    }
    if (desired.isObject() && actual.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!contains(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray() && actual.isArray() && desired.size() == actual.size()) {
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    return desired.equals(actual);
  }

  private static String hash(HasMetadata desired) {
    try {
      byte[] json = JSON.writeValueAsString(desired).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the desired " + desired.getKind(), e);
    }
  }
}
