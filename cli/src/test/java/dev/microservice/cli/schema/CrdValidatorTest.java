package dev.microservice.cli.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.microservice.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the API server would accept or reject, checked with the generated CRD's schema and CEL rules. */
class CrdValidatorTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final CrdValidator VALIDATOR = CrdValidator.load();

  static Stream<Path> examples() throws IOException {
    return TestResources.examples().stream();
  }

  static Stream<Path> invalid() throws IOException {
    return TestResources.invalidManifests().stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAccepted(Path example) throws IOException {
    assertThat(VALIDATOR.validate(YAML.readTree(example.toFile()))).isEmpty();
  }

  @Test
  void thereAreExamples() throws IOException {
    assertThat(examples()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void everyInvalidManifestIsRejectedWithItsPath(Path manifest) throws IOException {
    String expected = Files.readAllLines(manifest).stream().filter(l -> l.startsWith("# expect: "))
        .findFirst().orElseThrow().substring("# expect: ".length());
    List<Problem> problems = VALIDATOR.validate(YAML.readTree(manifest.toFile()));
    assertThat(problems).map(Problem::toString).anySatisfy(p -> assertThat(p).startsWith(expected));
  }

  @Test
  void celRulesThemselves() {
    CelRules cel = new CelRules();
    String exactlyOne = "has(self.grpc) != has(self.kafka)";
    assertThat(cel.evaluate(exactlyOne, tree("{grpc: {port: 1}}"))).isTrue();
    assertThat(cel.evaluate(exactlyOne, tree("{grpc: {port: 1}, kafka: {}}"))).isFalse();
    assertThat(cel.evaluate(exactlyOne, tree("{}"))).isFalse();
    String uniquePorts = "self.all(x, !has(x.grpc) || self.exists_one(y, has(y.grpc) && y.grpc.port == x.grpc.port))";
    assertThat(cel.evaluate(uniquePorts, tree("[{grpc: {port: 1}}, {grpc: {port: 2}}, {kafka: {}}]"))).isTrue();
    assertThat(cel.evaluate(uniquePorts, tree("[{grpc: {port: 1}}, {grpc: {port: 1}}]"))).isFalse();
    String oneSource = "[has(self.secretKeyRef), has(self.file), has(self.env)].filter(x, x).size() == 1";
    assertThat(cel.evaluate(oneSource, tree("{env: X}"))).isTrue();
    assertThat(cel.evaluate(oneSource, tree("{env: X, file: /f}"))).isFalse();
  }

  @Test
  void theSchemaDefaultsAreAppliedLikeTheServerDoes() throws IOException {
    JsonNode defaulted = VALIDATOR.withDefaults(withoutReplicas());
    assertThat(defaulted.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(defaulted.at("/spec/drainTimeoutSeconds").asInt()).isEqualTo(30);
    assertThat(defaulted.at("/spec/endpoints/delivery").asText()).isEqualTo("initContainer");
    assertThat(withoutReplicas().has("replicas")).isFalse();
  }

  @Test
  void aWellFormedStatusIsAccepted() throws IOException {
    assertThat(VALIDATOR.validate(withStatus(READY))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("badConditions")
  void aStatusConditionThatBreaksMetav1ConditionIsRefused(String condition, String expected) throws IOException {
    assertThat(VALIDATOR.validate(withStatus(condition))).map(Problem::toString)
        .anySatisfy(p -> assertThat(p).startsWith("status.conditions[0]").contains(expected));
  }

  static final String READY = "{type: Ready, status: 'True', reason: AllReplicasReady, message: 1 of 1 pods ready,"
      + " lastTransitionTime: '2026-01-01T10:00:00Z', observedGeneration: 1}";

  static Stream<Arguments> badConditions() {
    return Stream.of(
        Arguments.of(READY.replace("reason: AllReplicasReady,", ""), "reason"),
        Arguments.of(READY.replace("message: 1 of 1 pods ready,", ""), "message"),
        Arguments.of(READY.replace("'True'", "Maybe"), "enumeration"),
        Arguments.of(READY.replace("AllReplicasReady", "all ready"), "pattern"),
        Arguments.of(READY.replace("2026-01-01T10:00:00Z", "yesterday"), "date-time"),
        Arguments.of(READY.replace("lastTransitionTime: '2026-01-01T10:00:00Z',", ""),
            "lastTransitionTime"));
  }

  @Test
  void twoConditionsOfOneTypeAreRefused() throws IOException {
    assertThat(VALIDATOR.validate(withStatus(READY + ", " + READY))).map(Problem::toString)
        .containsExactly("status.conditions[1]: Duplicate value: {\"type\":\"Ready\"}");
  }

  static JsonNode withoutReplicas() throws IOException {
    var object = (ObjectNode) YAML.readTree(examples().findFirst().orElseThrow().toFile());
    ((ObjectNode) object.get("spec")).remove("replicas");
    return object;
  }

  static JsonNode withStatus(String conditions) throws IOException {
    var object = (ObjectNode) withoutReplicas();
    object.set("status", tree("{observedGeneration: 1, replicas: 1, conditions: [" + conditions + "]}"));
    return object;
  }

  static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
