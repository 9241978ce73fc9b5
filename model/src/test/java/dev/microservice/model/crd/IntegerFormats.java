package dev.microservice.model.crd;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Map;

/**
 * Gives every integer property the {@code format} of its Java type ({@code int32} for int and Integer,
 * {@code int64} for long and Long), as Kubernetes' own types have it; the generator writes none.
 */
final class IntegerFormats {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<Class<?>, String> FORMATS = Map.of(Integer.class, "int32", int.class, "int32",
      Long.class, "int64", long.class, "int64");

  private IntegerFormats() {}

  /** Formats the integers of {@code schema}, the schema of {@code type}, and of everything below it. */
  static void apply(JSONSchemaProps schema, Class<?> type) {
    apply(schema, MAPPER.constructType(type));
  }

  private static void apply(JSONSchemaProps schema, JavaType type) {
    if (schema == null) {
      return;
    }
    if ("integer".equals(schema.getType()) && FORMATS.containsKey(type.getRawClass())) {
      schema.setFormat(FORMATS.get(type.getRawClass()));
    }
    if (type.isContainerType()) {
      apply(schema.getItems() != null ? schema.getItems().getSchema() : null, type.getContentType());
      apply(schema.getAdditionalProperties() != null ? schema.getAdditionalProperties().getSchema() : null,
          type.getContentType());
      return;
    }
    if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
      return;
    }
    for (BeanPropertyDefinition p : MAPPER.getSerializationConfig().introspect(type).findProperties()) {
      apply(schema.getProperties().get(p.getName()), p.getPrimaryType());
    }
  }
}
