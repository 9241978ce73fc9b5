package dev.microservice.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generates the CRD from the Java types with fabric8's CRD generator (adding the list-map keys
 * the generator has no annotation for), writes it to target/, and fails when the committed copy
 * under crds/ differs. Regenerate with {@code ./mvnw -pl model test -Dcrd.update=true}.
 */
class CrdSyncTest {
  static final String FILE = "microservices.microservice.dev-v1.yml";
  static final Path COMMITTED = Path.of("../crds", FILE);

  @Test
  void committedCrdMatchesTheJavaTypes() throws IOException {
    Path out = Path.of("target/crd");
    Files.createDirectories(out);
    new CRDGenerator()
        .customResourceClasses(MicroService.class)
        .forCRDVersions("v1")
        .withPostProcessor(new ListMapKeys())
        .inOutputDir(out.toFile())
        .generate();
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
    var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    var spec = yaml.readTree(COMMITTED.toFile()).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    List<String> undescribed = new java.util.ArrayList<>();
    undescribed(spec, "spec", undescribed);
    assertThat(undescribed).as("fields without a description (kubectl explain shows nothing)").isEmpty();
  }

  /** Kubernetes' own types inside the spec; their fields are documented upstream. */
  private static final List<String> UPSTREAM = List.of("spec.env", "spec.resources", "spec.pod.tolerations", "spec.pod.affinity",
      "spec.endpoints.imagePullSecrets");

  private static void undescribed(com.fasterxml.jackson.databind.JsonNode node, String path, List<String> out) {
    if (UPSTREAM.contains(path)) {
      return;
    }
    var properties = node.path("properties").isMissingNode() ? node.path("items").path("properties") : node.path("properties");
    properties.fields().forEachRemaining(f -> {
      String child = path + "." + f.getKey();
      if (f.getValue().path("description").asText().isBlank() && !UPSTREAM.contains(child)) {
        out.add(child);
      }
      undescribed(f.getValue(), child, out);
    });
  }

  /** Marks the named lists (servers, namespaces, services) as list-maps keyed by name. */
  static final class ListMapKeys implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String version) {
      JSONSchemaProps spec = ((CustomResourceDefinition) crd).getSpec().getVersions().get(0).getSchema()
          .getOpenAPIV3Schema().getProperties().get("spec");
      JSONSchemaProps servers = spec.getProperties().get("servers");
      JSONSchemaProps namespaces = servers.getItems().getSchema().getProperties().get("namespaces");
      JSONSchemaProps services = namespaces.getItems().getSchema().getProperties().get("services");
      for (JSONSchemaProps list : List.of(servers, namespaces, services)) {
        list.setXKubernetesListType("map");
        list.setXKubernetesListMapKeys(List.of("name"));
      }
      return crd;
    }
  }
}
