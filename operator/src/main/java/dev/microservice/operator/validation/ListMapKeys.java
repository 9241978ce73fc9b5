package dev.microservice.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microservice.model.Problem;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@code x-kubernetes-list-type: map} lists as the API server does: no two items may have the same keys.
 * Reports {@code <path>[i]: Duplicate value: {"name":"x"}}, the server's wording.
 */
final class ListMapKeys {
  private ListMapKeys() {}

  static void check(String path, JsonNode schema, JsonNode value, List<Problem> problems) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return;
    }
    if (value.isArray() && "map".equals(schema.path("x-kubernetes-list-type").asText())) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < value.size(); i++) {
        StringBuilder key = new StringBuilder("{");
        for (JsonNode k : schema.path("x-kubernetes-list-map-keys")) {
          key.append(key.length() > 1 ? "," : "").append('"').append(k.asText()).append("\":")
              .append(value.get(i).path(k.asText()));
        }
        if (!seen.add(key.append('}').toString())) {
          problems.add(new Problem(path + "[" + i + "]", "Duplicate value: " + key));
        }
      }
    }
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        check(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), value.get(field.getKey()), problems);
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(path + "[" + i + "]", schema.get("items"), value.get(i), problems);
      }
    }
  }
}
