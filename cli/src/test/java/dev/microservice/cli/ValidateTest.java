package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateTest {
  static final Path ROOT = RenderTest.ROOT;

  /** The operator's invalid manifests, each with its "# expect:" line. */
  static Stream<Path> invalid() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("operator/src/test/resources/invalid"))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void reportsEachErrorWithItsPath(Path manifest) throws IOException {
    String expected = Files.readAllLines(manifest).stream().filter(l -> l.startsWith("# expect: ")).findFirst().orElseThrow()
        .substring("# expect: ".length());
    String path = expected.substring(0, expected.indexOf(':'));
    CliRun run = CliRun.of("validate", "-f", manifest.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines()).anyMatch(l -> l.matches("\\Q" + manifest + "\\E:\\d+:\\d+: \\Q" + path + "\\E[:\\[].*"));
  }

  @Test
  void reportsEveryProblemAtOnce() throws IOException {
    Path bad = Files.writeString(Files.createTempFile("bad", ".yaml"), """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: greeter}
        spec:
          endpoints: {image: example.com/hello:1}
          servers:
            - name: rpc
              grcp: {port: 9090}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: helo}]}]
            - name: events
              kafka: {bootstrapServers: "localhost"}
              namespaces: []
        """);
    CliRun run = CliRun.of("validate", "-f", bad.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines()).containsExactly(
        bad + ":8:7: spec.servers[0].grcp: unknown field; did you mean 'grpc'?",
        bad + ":11:15: spec.servers[1].kafka.bootstrapServers: expected host:port entries separated by commas, got 'localhost'",
        bad + ":12:7: spec.servers[1].namespaces: must list at least one namespace",
        "3 problems in " + bad);
  }

  @Test
  void checksEndpointNamesAgainstTheJars() throws IOException {
    Path manifest = Files.writeString(Files.createTempFile("helo", ".yaml"),
        Files.readString(ROOT.resolve("examples/hello/microservice.yaml")).replace("endpoint: hello", "endpoint: helo"));
    CliRun run = CliRun.of("validate", "-f", manifest.toString(), "--endpoints", ROOT.resolve("examples/hello/target").toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains(":20:15: spec.servers[0].namespaces[0].services[0].endpoint: no endpoint named 'helo'; available: goodbye, hello");
  }

  @Test
  void theHelloExampleIsValid() {
    CliRun run = CliRun.of("validate", "-f", ROOT.resolve("examples/hello/microservice.yaml").toString(),
        "--endpoints", ROOT.resolve("examples/hello/target").toString());
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).endsWith("microservice.yaml: valid\n");
  }

  @Test
  void badCommandLineIsExitCodeTwoWithUsage() {
    CliRun run = CliRun.of("validate");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--file=<file>'").contains("Usage: msvc validate");
  }
}
