package dev.microservice.runtime;

import dev.microservice.model.testing.PlantedSecretsCorpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime started (in this JVM, as its main does) on each planted-secrets manifest: it refuses
 * to start, and its log never holds the secret (defect 2 of "Hostile input").
 */
class PlantedSecretsRuntimeTest {
  @TempDir Path tmp;

  @Test
  void theLogNeverHoldsAPlantedSecret() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("secrets"));
    for (String f : List.of("password", "truststore.p12", "truststore-password", "keystore.p12", "keystore-password", "key-password",
        "tls.crt", "tls.key")) {
      Files.writeString(dir.resolve(f), "not-the-planted-one\n");
    }
    List<PlantedSecretsCorpus.Case> cases = PlantedSecretsCorpus.cases();
    assertThat(cases).hasSizeGreaterThan(250);
    int started = 0;
    for (PlantedSecretsCorpus.Case c : cases) {
      if (!c.refused() && !c.name().endsWith("/file")) {
        continue; // the secret is in a comment, an anchor or a tag: valid, and nothing reads it
      }
      Path manifest = Files.writeString(tmp.resolve("m.yaml"),
          c.yaml().replace("{dir}", dir.toString()).replace("{port}", String.valueOf(TestSupport.freePort())));
      int code;
      String log;
      try (LogCapture capture = new LogCapture()) {
        code = Main.run(new String[] {"--manifest", manifest.toString(), "--endpoints", TestSupport.HELLO_JARS.toString(),
            "--management-port", "0"});
        log = capture.text();
      }
      assertThat(code).as(c.name()).isEqualTo(1);
      assertThat(log).as(c.name()).contains("Cannot start").doesNotContain(PlantedSecretsCorpus.CORE).doesNotContain("Xq7");
      started++;
    }
    assertThat(started).isGreaterThan(200);
  }
}
