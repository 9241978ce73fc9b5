package dev.microservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests under {@code runtime-rules/}, one per rule the runtime checks at start on the manifest alone:
 * the model refuses each with exactly the problem its {@code # expect:} line names.
 */
class RuntimeRulesTest {
  /** The corpus, for this module's tests; the cli and operator tests read the same files. */
  static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/runtime-rules"))) {
      return files.sorted().toList();
    }
  }

  static String expected(Path manifest) {
    try {
      return Files.readAllLines(manifest).stream().filter(l -> l.startsWith("# expect: ")).findFirst().orElseThrow()
          .substring("# expect: ".length());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void theModelRefusesIt(Path manifest) {
    assertThat(ManifestParserTest.problems(read(manifest))).containsExactly(expected(manifest));
  }

  private static String read(Path manifest) {
    try {
      return Files.readString(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
