package dev.microservice.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microservice.model.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code x-kubernetes-list-type: map} lists as the API server does: no two items may have the same keys.
 * Reports {@code <path>[i]: Duplicate value: {"name":"x"}}, the server's wording.
 */
final class ListMapKeys {
  private ListMapKeys() {}

  static void check(String path, JsonNode schema, JsonNode value, List<Problem> problems) {
    SchemaWalk.walk(path, schema, value, (at, node, v) -> {
      if (v.isArray() && "map".equals(node.path("x-kubernetes-list-type").asText())) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
          String key = key(node, v.get(i));
          if (!seen.add(key)) {
            problems.add(new Problem(at + "[" + i + "]", "Duplicate value: " + key));
          }
        }
      }
    });
  }

  /** The item's keys as the server prints them: {"name":"x"}. */
  private static String key(JsonNode schema, JsonNode item) {
    StringBuilder key = new StringBuilder("{");
    for (JsonNode k : schema.path("x-kubernetes-list-map-keys")) {
      key.append(key.length() > 1 ? "," : "").append('"').append(k.asText()).append("\":").append(item.path(k.asText()));
    }
    return key.append('}').toString();
  }
}
