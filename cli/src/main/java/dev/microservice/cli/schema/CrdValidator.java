package dev.microservice.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.microservice.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Validates a MicroService object the way the API server would: it applies the schema's defaults, then checks the
 * CRD's OpenAPI schema (with its formats, e.g. date-time of condition times), its list-map keys (also of
 * status.conditions, keyed by type) and its CEL rules ({@code x-kubernetes-validations}).
 */
public final class CrdValidator {
  /** The CRD's classpath location (copied from crds/ at build time). */
  public static final String CRD_RESOURCE = "/crds/microservices.microservice.dev-v1.yml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final JsonNode openApiSchema;
  private final JsonSchema schema;
  private final CelRules cel = new CelRules();

  private CrdValidator(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    this.schema = schemaFactory().getSchema(openApiSchema);
  }

  /** JSON Schema draft 4 (what OpenAPI v3 schemas build on), with Kubernetes' extensions as annotations. */
  private static JsonSchemaFactory schemaFactory() {
    String iri = "https://microservice.dev/schemas/kubernetes-openapi-v3";
    JsonMetaSchema meta = JsonMetaSchema.builder(iri, JsonMetaSchema.getV4())
        .keywords(Stream.of("x-kubernetes-validations", "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
            "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
            "x-kubernetes-map-type").map(NonValidationKeyword::new).toList())
        .build();
    return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
        .metaSchema(meta).defaultMetaSchemaIri(iri).build();
  }

  /** @return a validator for the CRD shipped with the operator */
  public static CrdValidator load() {
    try (InputStream in = CrdValidator.class.getResourceAsStream(CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the CRD is missing from the classpath: " + CRD_RESOURCE);
      }
      return fromCrd(YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a validator for a CRD given as a tree */
  public static CrdValidator fromCrd(JsonNode crd) {
    return new CrdValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
  }

  /**
   * @param object the MicroService as a JSON/YAML tree
   * @return every schema and CEL problem, each with its path; empty when valid
   */
  public List<Problem> validate(JsonNode object) {
    return validateDefaulted(withDefaults(object));
  }

  /**
   * @param object the MicroService as a JSON/YAML tree
   * @return a copy with the schema's defaults applied, as the API server stores it (e.g. spec.replicas 1)
   */
  public JsonNode withDefaults(JsonNode object) {
    return SchemaDefaults.apply(openApiSchema, object);
  }

  private List<Problem> validateDefaulted(JsonNode object) {
    List<Problem> problems = new ArrayList<>();
    for (ValidationMessage m : schema.validate(object)) {
      String path = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
      String message = m.getMessage().replaceFirst("^\\$[^:]*: ", "");
      problems.add(new Problem(path.isEmpty() ? "(object)" : path, message));
    }
    problems.sort(Comparator.comparing(Problem::path));
    if (problems.isEmpty()) {
      ListMapKeys.check("", openApiSchema, object, problems);
      cel.check("", openApiSchema, object, problems);
    }
    return problems;
  }
}
