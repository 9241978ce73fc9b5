package dev.microservice.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import dev.microservice.model.ObservabilitySpec;
import dev.microservice.model.TracingSpec;
import dev.microservice.model.contract.RuntimeContract;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** spec.observability becomes the runtime container's OTEL_* and LOG_FORMAT variables; spec.env wins. */
class ObservabilityEnvTest {
  static final Path MANIFEST = Path.of("src/test/resources/observability/greeter-traced.yaml");

  static MicroService traced() {
    MicroService ms = TestResources.read(MANIFEST, MicroService.class);
    ms.getMetadata().setNamespace("shop");
    return ms;
  }

  @Test
  void theDeploymentOfATracedMicroServiceMatchesItsGoldenFile() throws IOException {
    Deployment d = RuntimeDeployment.of(traced(), TestResources.RUNTIME_IMAGE);
    DesiredStateTest.assertMatchesGolden(d, "greeter-traced-deployment.yaml", Deployment.class);
  }

  @Test
  void tracingBecomesTheStandardOpenTelemetryVariables() {
    Map<String, String> env = env(traced());
    assertThat(env).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.monitoring:4318")
        .containsEntry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
        .containsEntry("OTEL_TRACES_SAMPLER_ARG", "0.25")
        .containsEntry("OTEL_SERVICE_NAME", "greeter")
        .containsEntry("OTEL_RESOURCE_ATTRIBUTES", "k8s.namespace.name=$(POD_NAMESPACE),k8s.pod.name=$(POD_NAME)")
        .containsEntry(RuntimeContract.LOG_FORMAT_ENV, "json");
  }

  @Test
  void thePodNameAndNamespaceAreDefinedBeforeTheVariableThatExpandsThem() {
    List<String> names = container(traced()).stream().map(EnvVar::getName).toList();
    assertThat(names.indexOf(RuntimeContract.POD_NAME_ENV)).isLessThan(names.indexOf("OTEL_RESOURCE_ATTRIBUTES"));
    assertThat(names.indexOf(RuntimeContract.POD_NAMESPACE_ENV)).isLessThan(names.indexOf("OTEL_RESOURCE_ATTRIBUTES"));
  }

  @Test
  void aSpecEnvEntryOfTheSameNameWinsAndIsTheOnlyOne() {
    MicroService ms = traced();
    ms.getSpec().getEnv().add(new EnvVar("OTEL_TRACES_SAMPLER", "always_on", null));
    ms.getSpec().getEnv().add(new EnvVar(RuntimeContract.LOG_FORMAT_ENV, "text", null));
    List<EnvVar> env = container(ms);
    assertThat(env).filteredOn(e -> e.getName().equals("OTEL_TRACES_SAMPLER")).singleElement()
        .satisfies(e -> assertThat(e.getValue()).isEqualTo("always_on"));
    assertThat(env).filteredOn(e -> e.getName().equals(RuntimeContract.LOG_FORMAT_ENV)).singleElement()
        .satisfies(e -> assertThat(e.getValue()).isEqualTo("text"));
    assertThat(env(ms)).containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.monitoring:4318");
  }

  @Test
  void withoutObservabilityThePodHasNoneOfTheseVariables() {
    assertThat(env(TestResources.hello()).keySet()).noneMatch(n -> n.startsWith("OTEL_"))
        .doesNotContain(RuntimeContract.LOG_FORMAT_ENV);
  }

  @Test
  void onlyTheLogFormatGivesOnlyItsVariable() {
    MicroService ms = TestResources.hello();
    ObservabilitySpec o = new ObservabilitySpec();
    o.setLogFormat(ObservabilitySpec.LogFormat.JSON);
    ms.getSpec().setObservability(o);
    assertThat(ObservabilityEnv.of(ms)).extracting(EnvVar::getName).containsExactly(RuntimeContract.LOG_FORMAT_ENV);
  }

  @Test
  void theRatioIsAPlainDecimalAndDefaultsToOne() {
    MicroService ms = TestResources.hello();
    ObservabilitySpec o = new ObservabilitySpec();
    TracingSpec t = new TracingSpec();
    t.setEndpoint("https://tempo.example.com:4318");
    t.setSamplingRatio(null);
    o.setTracing(t);
    ms.getSpec().setObservability(o);
    assertThat(env(ms)).containsEntry("OTEL_TRACES_SAMPLER_ARG", "1").containsEntry(RuntimeContract.LOG_FORMAT_ENV, "text");
    assertThat(ObservabilityEnv.ratio(0.0001)).isEqualTo("0.0001");
    assertThat(ObservabilityEnv.ratio(0)).isEqualTo("0");
  }

  private static List<EnvVar> container(MicroService ms) {
    return RuntimePodTemplate.of(ms, TestResources.RUNTIME_IMAGE, "hash").getSpec().getContainers().get(0).getEnv();
  }

  private static Map<String, String> env(MicroService ms) {
    return container(ms).stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
