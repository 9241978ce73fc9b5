package dev.microservice.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.microservice.model.MicroServiceSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRD's declarative defaults agree with the Java model's (what the parser, the CLI and the runtime use when a field
 * is absent), and every default that a description of the project's own types documents is declared in the schema.
 */
class SchemaDefaultsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Documented defaults that are no literal, so the schema cannot declare them. */
  static final Map<String, String> NOT_LITERAL = Map.of(
      "spec.runtimeImage", "the image the operator is configured with",
      "spec.servers[].kafka.groupId", "derived from the namespace, name and server name",
      "spec.servers[].kafka.concurrency", "depends on consumption: 8 for group, 16 for share",
      "spec.servers[].kafka.security.tls.truststoreType", "Kafka's own default; the model leaves it unset");
  /** "Defaults to X." (X may be quoted, and followed by a remark in parentheses) or "X (the default)". */
  static final Pattern DOCUMENTED = Pattern.compile("Defaults to (.+?)\\.(?: |$)|'?(\\w+)'? \\(the default\\)");

  /** Each own-type property of the spec that has a default in the schema or its description: schema, Java, described. */
  static final Map<String, Found> FOUND = new TreeMap<>();

  /** A property's default in the schema, in the Java model, and as its description states it (each may be null). */
  record Found(JsonNode schema, JsonNode java, String described) {}

  @BeforeAll
  static void walk() throws IOException {
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(CrdSyncTest.COMMITTED.toFile())
        .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    walk(spec, JSON.constructType(MicroServiceSpec.class), "spec");
  }

  @Test
  void everySchemaDefaultIsTheJavaModelsDefault() {
    List<String> differ = new ArrayList<>();
    FOUND.forEach((path, v) -> {
      if (v.schema() != null && !sameValue(v.schema(), v.java()) && !path.equals("spec.replicas")) {
        differ.add(path + ": schema " + v.schema() + ", Java " + v.java());
      }
    });
    assertThat(FOUND.values()).as("no schema defaults found: the walk is broken").anyMatch(v -> v.schema() != null);
    assertThat(differ).as("schema defaults that the Java model does not share").isEmpty();
  }

  @Test
  void everyDocumentedLiteralDefaultIsDeclaredInTheSchema() {
    List<String> missing = new ArrayList<>();
    FOUND.forEach((path, v) -> {
      String described = v.described();
      JsonNode schema = v.schema();
      if (described == null || NOT_LITERAL.containsKey(path)) {
        return;
      }
      if (schema == null || !describes(described, schema)) {
        missing.add(path + ": described " + described + ", schema default " + schema);
      }
    });
    assertThat(missing).as("descriptions say 'Defaults to X' but the schema has no default: X").isEmpty();
    assertThat(NOT_LITERAL.keySet()).as("exceptions that no longer document a default").allMatch(p -> FOUND.containsKey(p)
        && FOUND.get(p).described() != null && FOUND.get(p).schema() == null);
  }

  @Test
  void replicasDefaultsToOneSoTheScaleSubresourceWorksButJavaKeepsItUnsetForTheValidator() {
    // The scale subresource fails (500 "the spec replicas field does not exist") on a MicroService without
    // spec.replicas, so the schema defaults it; Java leaves it null so msvc validate can refuse it beside autoscaling.
    assertThat(FOUND.get("spec.replicas").schema().intValue()).isEqualTo(1).isEqualTo(MicroServiceSpec.DEFAULT_REPLICAS);
    assertThat(FOUND.get("spec.replicas").java()).isNull();
    assertThat(new MicroServiceSpec().effectiveReplicas()).isEqualTo(1);
  }

  /** Records the defaults of the properties of {@code schema}, the schema of {@code type}, and descends into own types. */
  private static void walk(JsonNode schema, JavaType type, String path) throws IOException {
    if (type.isContainerType()) {
      walk(schema.path(type.isMapLikeType() ? "additionalProperties" : "items"), type.getContentType(),
          path + (type.isMapLikeType() ? ".*" : "[]"));
      return;
    }
    if (!type.getRawClass().getPackageName().equals(MicroServiceSpec.class.getPackageName()) || type.isEnumType()) {
      return; // Kubernetes' embedded types: the API server defaults those in the Deployment it is given
    }
    JsonNode javaDefaults = JSON.valueToTree(JSON.readValue("{}", type)); // what parsing an empty object yields
    for (BeanPropertyDefinition p : JSON.getSerializationConfig().introspect(type).findProperties()) {
      JsonNode property = schema.path("properties").path(p.getName());
      String at = path + "." + p.getName();
      String described = described(property.path("description").asText());
      if (property.has("default") || described != null) {
        FOUND.put(at, new Found(property.get("default"), javaDefaults.get(p.getName()), described));
      }
      walk(property, p.getPrimaryType(), at);
    }
  }

  /** The default a description documents, or null. */
  static String described(String description) {
    Matcher m = DOCUMENTED.matcher(description);
    if (!m.find()) {
      return null;
    }
    return m.group(1) == null ? m.group(2) : m.group(1).replaceFirst(" \\(.*\\)$", "").replaceAll("^'|'$", "");
  }

  /** Whether {@code described}, the literal a description states, is the value of {@code schema}. */
  private static boolean describes(String described, JsonNode schema) {
    return schema.isNumber() ? new BigDecimal(described).compareTo(schema.decimalValue()) == 0
        : schema.asText().equals(described);
  }

  private static boolean sameValue(JsonNode schema, JsonNode java) {
    if (java == null) {
      return false;
    }
    if (schema.isNumber() && java.isNumber()) {
      return schema.decimalValue().compareTo(java.decimalValue()) == 0;
    }
    return schema.equals(java);
  }
}
