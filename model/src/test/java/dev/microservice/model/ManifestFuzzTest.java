package dev.microservice.model;

import dev.microservice.model.testing.Fuzz;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile manifests (huge, deep, duplicate, broken, not UTF-8, secret-bearing): each is
 * parsed or refused with path-named problems, never repeats a planted secret nor Jackson's words,
 * and ends in bounded time. See {@link Fuzz} for longer runs.
 */
class ManifestFuzzTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void everyGeneratedManifestIsParsedOrRefusedCleanly() {
    Fuzz.run("manifests", 300, BOUND, random -> check(new ManifestMutator(random).next()));
  }

  @Test
  void everyGeneratedByteSequenceIsDecodedOrRefusedByPosition() {
    Fuzz.run("manifest bytes", 300, BOUND, random -> {
      byte[] bytes = new ManifestMutator(random).next().getBytes(StandardCharsets.UTF_8);
      for (int i = random.nextInt(3); i > 0 && bytes.length > 0; i--) {
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
      }
      String text;
      try {
        text = ManifestText.decode(bytes, "fuzz.yaml");
      } catch (ManifestException e) {
        assertThat(e.problems()).singleElement().asString().matches("line \\d+, column \\d+: not UTF-8 \\(byte 0x[0-9a-f]{2}\\); save the manifest as UTF-8");
        return;
      }
      check(text);
    });
  }

  static void check(String yaml) {
    ManifestParser.tree(yaml); // never throws
    try {
      ManifestParser.parse(yaml, "fuzz.yaml");
    } catch (ManifestException e) {
      assertThat(e.problems()).isNotEmpty();
      for (Problem p : e.problems()) {
        assertThat(HostileManifestTest.where(p)).matches(HostileManifestTest.PATH);
        assertThat(p.toString()).doesNotContain(HostileManifestTest.INTERNALS).doesNotContain(PlantedSecrets.CORE)
            .doesNotContain("\n").hasSizeLessThan(700);
      }
    }
  }
}
