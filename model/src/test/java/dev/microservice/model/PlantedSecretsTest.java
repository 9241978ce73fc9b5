package dev.microservice.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the planted-secrets corpus up to date, and checks that the parser, fed each case, never
 * repeats the secret (defect 2 of "Hostile input"): in the problems, the message, the paths.
 */
class PlantedSecretsTest {
  static final Path CORPUS = Path.of("src/test/resources/planted-secrets.yaml");

  @Test
  void theCommittedCorpusIsUpToDate() throws IOException {
    String generated = PlantedSecrets.render(PlantedSecrets.generate());
    if (Boolean.getBoolean("planted.update")) {
      Files.writeString(CORPUS, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(CORPUS)).as("regenerate with ./mvnw -pl model test -Dplanted.update=true").isEqualTo(generated);
    assertThat(PlantedSecrets.parse(generated)).isEqualTo(PlantedSecrets.generate());
  }

  @Test
  void noProblemRepeatsAPlantedSecret() {
    List<PlantedSecrets.Case> cases = PlantedSecrets.generate();
    assertThat(cases).hasSizeGreaterThan(250);
    for (PlantedSecrets.Case c : cases) {
      String yaml = c.yaml().replace("{dir}", "/run/secrets").replace("{port}", "9090");
      if (c.kind() == PlantedSecrets.Kind.ACCEPTED) {
        ManifestParser.parse(yaml, c.name());
        continue;
      }
      ManifestException e = catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(yaml, c.name()));
      assertThat(e).as(c.name() + " is refused").isNotNull();
      assertThat(e.getMessage()).as(c.name()).doesNotContain(PlantedSecrets.CORE).doesNotContain("Xq7");
      assertThat(e.problems()).as(c.name()).allSatisfy(p -> assertThat(HostileManifestTest.where(p)).matches(HostileManifestTest.PATH));
    }
  }
}
