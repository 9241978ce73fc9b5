package dev.microservice.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Walks an object along its OpenAPI schema: every value present, with its path and its schema node. */
final class SchemaWalk {
  /** What is done at each value. */
  interface Visitor {
    void visit(String path, JsonNode schema, JsonNode value);
  }

  private SchemaWalk() {}

  static void walk(String path, JsonNode schema, JsonNode value, Visitor visitor) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return;
    }
    visitor.visit(path, schema, value);
    if (value.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), value.get(field.getKey()), visitor);
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(path + "[" + i + "]", schema.get("items"), value.get(i), visitor);
      }
    }
  }
}
