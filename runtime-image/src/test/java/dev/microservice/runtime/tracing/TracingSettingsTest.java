package dev.microservice.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microservice.runtime.StartupException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OTEL_* variables: defaults, what turns export on, and bad values named in the error. */
class TracingSettingsTest {
  @Test
  void withoutAnEndpointNothingIsExportedAndTheServiceNameIsTheMicroServices() {
    TracingSettings s = TracingSettings.fromEnv(Map.of(), "orders");
    assertThat(s.exporting()).isFalse();
    assertThat(s.serviceName()).isEqualTo("orders");
    assertThat(s.sampler()).isEqualTo("parentbased_always_on");
    assertThat(s.protocol()).as("the OTLP exporter spec's default").isEqualTo("http/protobuf");
    assertThat(Tracing.fromEnv(Map.of(), "orders")).isInstanceOf(Tracing.PropagatingTracing.class);
  }

  @Test
  void exporterNoneTurnsExportOffEvenWithAnEndpoint() {
    Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", "OTEL_TRACES_EXPORTER", "none");
    assertThat(TracingSettings.fromEnv(env, "orders").exporting()).isFalse();
  }

  @Test
  void theBaseEndpointGetsTheTracesPathForHttpOnly() {
    assertThat(TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"), "o").endpoint()).isEqualTo("http://collector:4318/v1/traces");
    assertThat(TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), "o").endpoint())
        .as("http/protobuf unless set").isEqualTo("http://collector:4318/v1/traces");
    assertThat(TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), "o").endpoint()).isEqualTo("http://collector:4317");
    assertThat(TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://b/custom", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"), "o")
        .endpoint()).isEqualTo("https://b/custom");
  }

  @Test
  void samplerResourceHeadersAndBatchAreRead() {
    TracingSettings s = TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317",
        "OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0.25",
        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,team=a%20b,service.name=from-resource",
        "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer x", "OTEL_BSP_SCHEDULE_DELAY", "200"), "orders");
    assertThat(s.ratio()).isEqualTo(0.25);
    assertThat(s.resource()).containsEntry("deployment.environment", "prod").containsEntry("team", "a b")
        .doesNotContainKey("service.name");
    assertThat(s.serviceName()).isEqualTo("from-resource");
    assertThat(s.headers()).containsEntry("authorization", "Bearer x");
    assertThat(s.batch().delay()).isEqualTo(Duration.ofMillis(200));
    assertThat(TracingSettings.fromEnv(Map.of("OTEL_SERVICE_NAME", "svc", "OTEL_RESOURCE_ATTRIBUTES", "service.name=r"), "o")
        .serviceName()).isEqualTo("svc");
  }

  @Test
  void batchDefaultsSuitHighRequestRatesAndTheVariablesWin() {
    TracingSettings.Batch defaults = TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317"), "o").batch();
    assertThat(defaults.queue()).isEqualTo(8192);
    assertThat(defaults.size()).isEqualTo(2048);
    assertThat(defaults.delay()).isEqualTo(Duration.ofSeconds(5));
    TracingSettings.Batch set = TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4317",
        "OTEL_BSP_MAX_QUEUE_SIZE", "2048", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "512"), "o").batch();
    assertThat(set.queue()).isEqualTo(2048);
    assertThat(set.size()).isEqualTo(512);
  }

  @Test
  void spanConstantsLeaveOutNullValuesAndNeedPairs() {
    assertThat(SpanConstants.of("a", "1", "b", null).values()).containsExactly(Map.entry("a", "1"));
    assertThatThrownBy(() -> SpanConstants.of("a")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badValuesNameTheirVariable() {
    assertBad(Map.of("OTEL_TRACES_SAMPLER", "jaeger_remote"), "OTEL_TRACES_SAMPLER: 'jaeger_remote' is not valid");
    assertBad(Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "1.5"),
        "OTEL_TRACES_SAMPLER_ARG: '1.5' is not valid; the sampling ratio must be a number from 0 to 1");
    assertBad(Map.of("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "half"),
        "OTEL_TRACES_SAMPLER_ARG: 'half'");
    assertBad(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"), "OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' is not valid");
    assertBad(Map.of("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "udp"), "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'udp'");
    assertBad(Map.of("OTEL_TRACES_EXPORTER", "zipkin"), "OTEL_TRACES_EXPORTER: 'zipkin'");
    assertBad(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317"), "OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' is not an http");
    assertBad(Map.of("OTEL_RESOURCE_ATTRIBUTES", "team"), "OTEL_RESOURCE_ATTRIBUTES: 'team' is not key=value");
    assertBad(Map.of("OTEL_BSP_MAX_QUEUE_SIZE", "0"), "OTEL_BSP_MAX_QUEUE_SIZE: '0' is not valid");
  }

  @Test
  void aBadHeaderNeverShowsItsValue() {
    assertThatThrownBy(() -> TracingSettings.fromEnv(Map.of("OTEL_EXPORTER_OTLP_HEADERS", "Bearer-s3cret"), "o"))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  private static void assertBad(Map<String, String> env, String message) {
    assertThatThrownBy(() -> TracingSettings.fromEnv(env, "orders")).isInstanceOf(StartupException.class)
        .hasMessageContaining(message);
  }
}
