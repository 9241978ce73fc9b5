package dev.microservice.model.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed CRD follows the Kubernetes API conventions the project adopted (see CrdSyncTest for how). */
class CrdConventionsTest {
  static JsonNode crd;
  static JsonNode version;
  static JsonNode schema;

  @BeforeAll
  static void read() throws IOException {
    crd = new ObjectMapper(new YAMLFactory()).readTree(CrdSyncTest.COMMITTED.toFile());
    version = crd.at("/spec/versions/0");
    schema = version.at("/schema/openAPIV3Schema");
  }

  @Test
  void printerColumnsAreReadyReplicasAvailableThenAge() {
    List<String> names = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).containsExactly("READY", "REPLICAS", "AVAILABLE", "AGE");
    assertThat(version.at("/additionalPrinterColumns/3/jsonPath").asText()).isEqualTo(".metadata.creationTimestamp");
    assertThat(version.at("/additionalPrinterColumns/1/jsonPath").asText())
        .as("the Deployment's count, whether spec.replicas or an autoscaler set it").isEqualTo(".status.desiredReplicas");
    assertThat(version.at("/additionalPrinterColumns/3/type").asText()).isEqualTo("date");
  }

  @Test
  void replicasDefaultsToOneWithAnInt32FormatAndAMaximum() {
    JsonNode replicas = schema.at("/properties/spec/properties/replicas");
    assertThat(replicas.path("default").asInt(-1)).isEqualTo(1);
    assertThat(replicas.path("format").asText()).isEqualTo("int32");
    assertThat(replicas.path("maximum").asInt()).isEqualTo(1000);
    assertThat(replicas.path("minimum").asInt(-1)).isZero();
  }

  @Test
  void conditionsAreMetav1Conditions() {
    JsonNode conditions = schema.at("/properties/status/properties/conditions");
    assertThat(conditions.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(conditions.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"type\"]");
    JsonNode item = conditions.path("items");
    assertThat(item.path("required").toString()).contains("\"type\"", "\"status\"", "\"reason\"", "\"message\"",
        "\"lastTransitionTime\"");
    assertThat(item.at("/properties/status/enum").toString()).isEqualTo("[\"True\",\"False\",\"Unknown\"]");
    assertThat(item.at("/properties/lastTransitionTime/format").asText()).isEqualTo("date-time");
    assertThat(item.at("/properties/observedGeneration/format").asText()).isEqualTo("int64");
    assertThat(item.at("/properties/type/maxLength").asInt()).isEqualTo(316);
    assertThat(item.at("/properties/reason/maxLength").asInt()).isEqualTo(1024);
    assertThat(item.at("/properties/reason/pattern").asText()).isEqualTo("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$");
    assertThat(item.at("/properties/message/maxLength").asInt()).isEqualTo(32768);
  }

  @Test
  void theRootIsDescribedAndInTheProjectsCategory() {
    assertThat(schema.path("description").asText()).startsWith("A MicroService");
    assertThat(crd.at("/spec/names/categories").toString()).isEqualTo("[\"microservice-operator\"]");
    assertThat(schema.at("/properties/spec/properties/endpoints/properties/image/minLength").asInt()).isEqualTo(1);
  }

  @Test
  void everyPatternHasAMaxLength() {
    List<String> unbounded = new ArrayList<>();
    patterns(schema, "", unbounded);
    assertThat(unbounded).as("string patterns without maxLength (the API server cannot bound their cost)").isEmpty();
  }

  private static void patterns(JsonNode node, String path, List<String> out) {
    if (node.has("pattern") && !node.has("maxLength")) {
      out.add(path);
    }
    node.path("properties").fields().forEachRemaining(f -> patterns(f.getValue(), path + "." + f.getKey(), out));
    if (node.has("items")) {
      patterns(node.get("items"), path + "[]", out);
    }
    if (node.path("additionalProperties").isObject()) {
      patterns(node.get("additionalProperties"), path + ".*", out);
    }
  }
}
