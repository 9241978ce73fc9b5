package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.microservice.model.MicroService;
import dev.microservice.model.Problem;
import dev.microservice.operator.status.Reason;
import dev.microservice.operator.validation.SpecChecks;
import dev.microservice.runtime.MicroserviceRuntime;
import dev.microservice.runtime.RuntimeOptions;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each manifest of {@code model/src/test/resources/runtime-rules} breaks one rule the runtime checks at start on the
 * manifest alone: msvc validate, msvc render, the operator's checks and the runtime's start refuse it with the same
 * field path and message, its {@code # expect:} line.
 */
class RuntimeRulesParityTest {
  @TempDir Path tmp;

  /** The corpus without values the API server refuses (an enum of the CRD): the operator never reads those. */
  static List<Path> operatorManifests() throws IOException {
    List<Path> readable = new java.util.ArrayList<>();
    for (Path manifest : manifests()) {
      if (!Files.readString(manifest).contains("\n# operator: not applicable: the API server refuses")) {
        readable.add(manifest);
      }
    }
    return readable;
  }

  static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(RenderTest.ROOT.resolve("model/src/test/resources/runtime-rules"))) {
      return files.sorted().toList();
    }
  }

  static String expected(Path manifest) throws IOException {
    return Files.readAllLines(manifest).stream().filter(l -> l.startsWith("# expect: ")).findFirst().orElseThrow()
        .substring("# expect: ".length());
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void msvcValidateRefusesIt(Path manifest) throws IOException {
    String line = "\\Q" + manifest + "\\E:\\d+:\\d+: \\Q" + expected(manifest) + "\\E";
    CliRun run = CliRun.of("validate", "-f", manifest.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines()).anyMatch(l -> l.matches(line));
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void msvcRenderRefusesIt(Path manifest) throws IOException {
    CliRun run = CliRun.of("render", "-f", manifest.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(": " + expected(manifest) + "\n");
  }

  @ParameterizedTest
  @MethodSource("operatorManifests")
  void theOperatorRefusesIt(Path manifest) throws IOException {
    MicroService ms = Serialization.unmarshal(Files.readString(manifest), MicroService.class);
    ms.getMetadata().setNamespace("shop");
    assertThat(SpecChecks.specProblems(ms)).extracting(Problem::toString).containsExactly(expected(manifest));
    assertThat(SpecChecks.checkWithoutSecrets(ms).reason()).isEqualTo(Reason.InvalidSpec);
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void theRuntimeRefusesItAtStart(Path manifest) throws IOException {
    Throwable e = catchThrowable(() -> MicroserviceRuntime.fromOptions(RuntimeOptions.parse(
        "--manifest", manifest.toString(), "--endpoints", tmp.toString(), "--management-port", "0")).start());
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("\n  " + expected(manifest));
  }
}
