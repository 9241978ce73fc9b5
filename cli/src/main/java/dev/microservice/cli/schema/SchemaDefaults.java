package dev.microservice.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies the schema's {@code default}s as the API server does before it validates: an absent property of an object
 * that is present gets its default, at every depth (inside list items and map values too).
 */
final class SchemaDefaults {
  private SchemaDefaults() {}

  /** @return a copy of {@code value} with the defaults of {@code schema} filled in */
  static JsonNode apply(JsonNode schema, JsonNode value) {
    JsonNode copy = value.deepCopy();
    fill(schema, copy);
    return copy;
  }

  private static void fill(JsonNode schema, JsonNode value) {
    if (value instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
      while (properties.hasNext()) {
        Map.Entry<String, JsonNode> p = properties.next();
        if (!object.has(p.getKey()) && p.getValue().has("default")) {
          object.set(p.getKey(), p.getValue().get("default").deepCopy());
        }
        if (object.has(p.getKey())) {
          fill(p.getValue(), object.get(p.getKey()));
        }
      }
      JsonNode additional = schema.path("additionalProperties");
      if (additional.isObject()) {
        object.fields().forEachRemaining(f -> fill(additional, f.getValue()));
      }
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      array.forEach(item -> fill(schema.get("items"), item));
    }
  }
}
