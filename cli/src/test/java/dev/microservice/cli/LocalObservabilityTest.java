package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** msvc run's --trace-endpoint, --trace-sampling-ratio and --log-format: what they set, and bad values refused. */
class LocalObservabilityTest {
  static final String HELLO = RunErrorsTest.HELLO;

  @Test
  void theTracingFlagsBecomeThePodsVariablesOverMsvcsOwnEnvironment() {
    java.util.Map<String, String> flags = LocalObservability.tracingEnv("greeter", "http://localhost:4318", 0.5);
    assertThat(flags).containsExactly(
        java.util.Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318"),
        java.util.Map.entry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"),
        java.util.Map.entry("OTEL_TRACES_SAMPLER_ARG", "0.5"),
        java.util.Map.entry("OTEL_SERVICE_NAME", "greeter"));
    assertThat(LocalObservability.runtimeEnv(java.util.Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
        "OTEL_SERVICE_NAME", "mine"), flags)).containsEntry("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .containsEntry("OTEL_SERVICE_NAME", "greeter");
  }

  @Test
  void aTraceEndpointThatIsNoHttpUrlIsABadCommandLine() {
    CliRun run = CliRun.of("run", "-f", HELLO, "--trace-endpoint", "localhost:4318");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option '--trace-endpoint': 'localhost:4318' must be an absolute"
        + " http:// or https:// URL of an OTLP receiver, such as http://localhost:4318");
  }

  @Test
  void aRatioOutsideZeroToOneAndAnUnknownLogFormatAreBadCommandLines() {
    CliRun ratio = CliRun.of("run", "-f", HELLO, "--trace-endpoint", "http://localhost:4318", "--trace-sampling-ratio", "2");
    assertThat(ratio.code()).isEqualTo(2);
    assertThat(ratio.err()).contains("'--trace-sampling-ratio': '2' is not a ratio from 0 to 1");
    CliRun format = CliRun.of("run", "-f", HELLO, "--log-format", "xml");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("'--log-format': 'xml' is not a log format: text or json");
  }

  @Test
  void theLogFormatIsReadBeforePicocliParses() {
    assertThat(Logging.logFormat(new String[] {"run", "-f", "x.yaml", "--log-format", "json"})).isEqualTo("json");
    assertThat(Logging.logFormat(new String[] {"run", "--log-format=json"})).isEqualTo("json");
    assertThat(Logging.logFormat(new String[] {"run", "-f", "x.yaml"})).isNull();
  }
}
