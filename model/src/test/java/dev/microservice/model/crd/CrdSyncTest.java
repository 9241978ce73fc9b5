package dev.microservice.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.MicroServiceStatus;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Generates the CRD from the Java types with fabric8's CRD generator (adding the list-map keys
 * the generator has no annotation for, Kubernetes' own descriptions of the Kubernetes types in
 * the spec, from {@link #OPENAPI}, integer formats, metav1.Condition's rules on status.conditions, the
 * root description and the printer column order: see {@link IntegerFormats}, {@link ConditionSchema}
 * and {@link RootSchema}), writes it to target/, and fails when the committed copy under
 * crds/ differs. Regenerate with {@code ./mvnw -pl model test -Dcrd.update=true}, then copy it to
 * helm/microservice-operator/crds/ (HelmChartTest checks that copy).
 */
class CrdSyncTest {
  static final String FILE = "microservices.microservice.dev-v1.yml";
  static final Path COMMITTED = Path.of("../crds", FILE);
  /** Kubernetes' OpenAPI definitions of the types in the spec (see its info.description). */
  static final Path OPENAPI = Path.of("src/test/resources/kubernetes-openapi.json");
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void committedCrdMatchesTheJavaTypes() throws IOException {
    Path out = Path.of("target/crd");
    Files.createDirectories(out);
    // -Dk8s.openapi=<k8s.io/kubernetes module>/api/openapi-spec/v3/api__v1_openapi.json reads that and refreshes OPENAPI.
    String refresh = System.getProperty("k8s.openapi");
    var descriptions = new KubernetesDescriptions(JSON.readTree((refresh != null ? Path.of(refresh) : OPENAPI).toFile()));
    new CRDGenerator()
        .customResourceClasses(MicroService.class)
        .forCRDVersions("v1")
        .withPostProcessor(new CRDPostProcessor() { // the generator takes only one
          @Override
          public HasMetadata process(HasMetadata crd, String version) {
            CustomResourceDefinitionVersion v1 = ((CustomResourceDefinition) crd).getSpec().getVersions().get(0);
            JSONSchemaProps root = v1.getSchema().getOpenAPIV3Schema();
            JSONSchemaProps spec = root.getProperties().get("spec");
            JSONSchemaProps status = root.getProperties().get("status");
            markListMaps(spec);
            descriptions.describe(spec);
            IntegerFormats.apply(spec, MicroServiceSpec.class);
            IntegerFormats.apply(status, MicroServiceStatus.class);
            ConditionSchema.apply(status.getProperties().get("conditions"));
            RootSchema.apply(v1);
            return crd;
          }
        })
        .inOutputDir(out.toFile())
        .generate();
    if (refresh != null) {
      descriptions.writeUsed(OPENAPI, refresh);
    }
    String generated = Files.readString(out.resolve(FILE), StandardCharsets.UTF_8);
    if (Boolean.getBoolean("crd.update") || !Files.exists(COMMITTED)) {
      Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as("crds/%s is stale: run ./mvnw -pl model test -Dcrd.update=true and commit it", FILE)
        .isEqualTo(generated);
  }

  @Test
  void everySpecFieldIsDescribed() throws IOException {
    var root = new ObjectMapper(new YAMLFactory()).readTree(COMMITTED.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
    List<String> undescribed = new ArrayList<>();
    if (root.path("description").asText().isBlank()) {
      undescribed.add("(root: kubectl explain msvc)");
    }
    undescribed(root, "", undescribed);
    assertThat(undescribed)
        .as("%d spec fields without a description (kubectl explain shows nothing):%n  %s", undescribed.size(),
            String.join("\n  ", undescribed))
        .isEmpty();
  }

  /** Adds the path of every property at or below {@code node} that has no description. */
  private static void undescribed(JsonNode node, String path, List<String> out) {
    if (!node.isObject()) {
      return;
    }
    undescribed(node.path("items"), path + "[]", out);
    undescribed(node.path("additionalProperties"), path + ".*", out);
    node.path("properties").fields().forEachRemaining(f -> {
      String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      if (f.getValue().path("description").asText().isBlank()) {
        out.add(child);
      }
      undescribed(f.getValue(), child, out);
    });
  }

  /** Marks the named lists (servers, namespaces, services) as list-maps keyed by name. */
  private static void markListMaps(JSONSchemaProps spec) {
    JSONSchemaProps servers = spec.getProperties().get("servers");
    JSONSchemaProps namespaces = servers.getItems().getSchema().getProperties().get("namespaces");
    JSONSchemaProps services = namespaces.getItems().getSchema().getProperties().get("services");
    for (JSONSchemaProps list : List.of(servers, namespaces, services)) {
      list.setXKubernetesListType("map");
      list.setXKubernetesListMapKeys(List.of("name"));
    }
  }

  /** Gives the fields inside the spec's Kubernetes types the descriptions Kubernetes' OpenAPI has for them. */
  static final class KubernetesDescriptions {
    /** The spec fields that hold a Kubernetes type (or a list of it), with that type's OpenAPI name. */
    private static final Map<String, String> EMBEDDED = Map.of(
        "env", "io.k8s.api.core.v1.EnvVar",
        "resources", "io.k8s.api.core.v1.ResourceRequirements",
        "pod.tolerations", "io.k8s.api.core.v1.Toleration",
        "pod.affinity", "io.k8s.api.core.v1.Affinity",
        "pod.topologySpreadConstraints", "io.k8s.api.core.v1.TopologySpreadConstraint",
        "endpoints.imagePullSecrets", "io.k8s.api.core.v1.LocalObjectReference");

    private final JsonNode schemas;
    private final Set<String> used = new TreeSet<>();

    KubernetesDescriptions(JsonNode openApi) {
      this.schemas = openApi.at("/components/schemas");
    }

    /** Describes the Kubernetes types inside {@code spec}, the CRD's spec schema. */
    void describe(JSONSchemaProps spec) {
      EMBEDDED.forEach((path, type) -> {
        JSONSchemaProps field = spec;
        for (String name : path.split("\\.")) {
          field = field.getProperties().get(name);
        }
        fill(field, type);
      });
    }

    /** Describes the undescribed properties of {@code field}, a {@code type} or a list of it, and those below them. */
    private void fill(JSONSchemaProps field, String type) {
      used.add(type);
      JSONSchemaProps object = field.getItems() != null ? field.getItems().getSchema() : field;
      if (object.getProperties() == null) {
        return;
      }
      object.getProperties().forEach((name, property) -> {
        JsonNode upstream = schemas.path(type).path("properties").path(name);
        if (property.getDescription() == null || property.getDescription().isBlank()) {
          property.setDescription(upstream.path("description").textValue());
        }
        JsonNode ref = upstream.findValue("$ref"); // the property's type, directly or in allOf, items or additionalProperties
        if (ref != null) {
          fill(property, ref.asText().substring(ref.asText().lastIndexOf('/') + 1));
        }
      });
    }

    /** Writes the definitions used so far, taken from {@code source}, to {@code file}. */
    void writeUsed(Path file, String source) throws IOException {
      ObjectNode extract = JSON.createObjectNode();
      extract.putObject("info").put("title", "Kubernetes").put("description", "The definitions that CrdSyncTest uses,"
          + " copied from " + source.replaceFirst("^.*?(?=k8s\\.io/)", "") + " (a Go module). Refresh with"
          + " ./mvnw -pl model test -Dcrd.update=true -Dk8s.openapi=$(go env GOMODCACHE)/k8s.io/kubernetes@<version>/api/openapi-spec/v3/api__v1_openapi.json");
      ObjectNode kept = extract.putObject("components").putObject("schemas");
      used.forEach(type -> kept.set(type, schemas.get(type)));
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(extract) + "\n", StandardCharsets.UTF_8);
    }
  }
}
