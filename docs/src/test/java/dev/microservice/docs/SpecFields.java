package dev.microservice.docs;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.SecretValueSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field paths of the CRD's {@code spec} that the manifest reference must document, e.g.
 * {@code spec.servers[].grpc.port} ({@code []} marks a list).
 *
 * <p>The rule: every property of the schema is a field. The walk stops at a field whose model type is a Kubernetes
 * API type ({@code io.fabric8.kubernetes.api.model}: EnvVar, ResourceRequirements, Toleration, Affinity,
 * LocalObjectReference): the field itself is listed, its inside is Kubernetes' own, documented by reference. A field
 * of a type shared by many fields ({@link #SHARED}) is listed, and the inside of that type is listed once, under a
 * placeholder: {@code <secret>.secretKeyRef.name}.
 */
final class SpecFields {
  /** Model types used by many fields, documented once, and the placeholder that stands for such a field. */
  static final Map<Class<?>, String> SHARED = Map.of(SecretValueSpec.class, "<secret>");
  private static final String KUBERNETES_TYPES = "io.fabric8.kubernetes.api.model";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Set<String> fields = new LinkedHashSet<>();
  private final Set<String> kubernetesFields = new LinkedHashSet<>();

  private SpecFields() {}

  /** @return the spec's fields, from the committed CRD and the model */
  static SpecFields ofCrd() {
    SpecFields f = new SpecFields();
    f.walk(Crd.specSchema(), "spec", MAPPER.constructType(MicroServiceSpec.class), new LinkedHashSet<>());
    return f;
  }

  /** @return every field path to document, in schema order (shared types' insides once, under their placeholder) */
  List<String> paths() {
    return new ArrayList<>(fields);
  }

  /** @return the fields whose inside is a Kubernetes type, documented by reference */
  List<String> kubernetesTypedPaths() {
    return new ArrayList<>(kubernetesFields);
  }

  private void walk(JsonNode schema, String path, JavaType type, Set<Class<?>> sharedDone) {
    JsonNode properties = schema.has("items") ? schema.path("items").path("properties") : schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode child = e.getValue();
      String childPath = path + "." + e.getKey() + ("array".equals(child.path("type").asText()) ? "[]" : "");
      fields.add(childPath);
      JavaType childType = elementType(propertyType(type, e.getKey()));
      Class<?> raw = childType == null ? null : childType.getRawClass();
      if (raw != null && raw.getPackageName().startsWith(KUBERNETES_TYPES)) {
        kubernetesFields.add(childPath);
      } else if (raw != null && SHARED.containsKey(raw)) {
        if (sharedDone.add(raw)) {
          walk(child, SHARED.get(raw), childType, sharedDone);
        }
      } else {
        walk(child, childPath, childType, sharedDone);
      }
    }
  }

  private static JavaType propertyType(JavaType owner, String name) {
    if (owner == null || owner.isContainerType() || owner.getRawClass().getName().startsWith("java.")) {
      return null;
    }
    BeanDescription bean = MAPPER.getSerializationConfig().introspect(owner);
    for (BeanPropertyDefinition p : bean.findProperties()) {
      if (p.getName().equals(name)) {
        return p.getPrimaryType();
      }
    }
    return null;
  }

  private static JavaType elementType(JavaType type) {
    return type != null && type.isContainerType() ? type.getContentType() : type;
  }
}
