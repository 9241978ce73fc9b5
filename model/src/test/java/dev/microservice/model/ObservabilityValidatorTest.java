package dev.microservice.model;

import static dev.microservice.model.ManifestParserTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** spec.observability offline: the words and paths of the CRD's rules, and the defaults. */
class ObservabilityValidatorTest {
  static String manifest(String observability) {
    return """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: greeter}
        spec:
          observability: %s
          servers:
            - {name: rpc, grpc: {port: 9090}, namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]}
        """.formatted(observability);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://otel-collector.monitoring:4318", "https://tempo.example.com", "http://10.0.0.7:4317/",
      "https://collector:4318/v1/traces?x=1"})
  void anAbsoluteHttpUrlIsAnEndpoint(String endpoint) {
    assertThat(ManifestParser.parse(manifest("{tracing: {endpoint: \"" + endpoint + "\"}}"), "test").getSpec()
        .getObservability().getTracing().getEndpoint()).isEqualTo(endpoint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"otel-collector:4317", "localhost", "grpc://collector:4317", "http://", "http:///v1/traces",
      "http://collector :4318", "ftp://collector"})
  void anythingElseIsRefusedInTheCrdsWords(String endpoint) {
    assertThat(problems(manifest("{tracing: {endpoint: \"" + endpoint + "\"}}")))
        .containsExactly("spec.observability.tracing.endpoint: " + TracingSpec.BAD_ENDPOINT);
  }

  @Test
  void theEndpointIsRequiredAndTheRatioIsBetweenZeroAndOne() {
    assertThat(problems(manifest("{tracing: {samplingRatio: 1.5}}"))).containsExactly(
        "spec.observability.tracing.endpoint: is required",
        "spec.observability.tracing.samplingRatio: must be between 0 and 1, got 1.5");
    assertThat(problems(manifest("{tracing: {endpoint: \"http://c:4318\", samplingRatio: -0.1}}")))
        .containsExactly("spec.observability.tracing.samplingRatio: must be between 0 and 1, got -0.1");
    assertThat(problems(manifest("{tracing: {endpoint: \"http://c/" + "x".repeat(2050) + "\"}}")))
        .containsExactly("spec.observability.tracing.endpoint: must be at most 2048 characters, got 2059");
  }

  @Test
  void defaultsAreTextLogsAndEveryTraceSampled() {
    Manifest m = ManifestParser.parse(manifest("{tracing: {endpoint: \"http://c:4318\"}}"), "test");
    assertThat(m.getSpec().getObservability().effectiveLogFormat()).isEqualTo(ObservabilitySpec.LogFormat.TEXT);
    assertThat(m.getSpec().getObservability().getTracing().effectiveSamplingRatio()).isEqualTo(1.0);
    assertThat(ManifestParser.parse(manifest("{logFormat: json}"), "test").getSpec().getObservability()
        .effectiveLogFormat()).isEqualTo(ObservabilitySpec.LogFormat.JSON);
  }
}
