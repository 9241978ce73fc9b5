package dev.microservice.localcluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing helm fails naming build.sh, the script that builds it. */
class HelmBinaryTest {
  @Test
  void aMissingHelmNamesBuildSh(@TempDir Path cache) {
    assertThatThrownBy(() -> HelmBinary.locate(cache, "3.0.0"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(cache.resolve("v3.0.0/bin/helm") + " is missing: run local-cluster/build.sh")
        .hasMessageContaining("helm 3.0.0");
  }
}
