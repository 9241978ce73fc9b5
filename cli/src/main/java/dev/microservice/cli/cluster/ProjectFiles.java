package dev.microservice.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code msvc cluster up} takes from the repository it runs from ({@code -Dmsvc.home}, set by the {@code msvc}
 * script): the script that builds Kubernetes, the chart, and the image tarballs the build produced.
 *
 * @param root the repository's root
 */
public record ProjectFiles(Path root) {
  /** @return the repository named by -Dmsvc.home */
  public static ProjectFiles locate() {
    String home = System.getProperty("msvc.home");
    if (home == null) {
      throw new IllegalStateException("msvc.home is not set: run msvc cluster through the ./msvc script of the repository");
    }
    return new ProjectFiles(Path.of(home));
  }

  Path chart() {
    return root.resolve("helm/microservice-operator");
  }

  /**
   * Runs local-cluster/build.sh, which does nothing when the binaries are built.
   *
   * @param withKeda whether to build KEDA too (when missing); without, build.sh leaves it out ({@code --without-keda})
   */
  void buildKubernetes(boolean withKeda) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("local-cluster/build.sh").toString()));
    if (!withKeda) {
      command.add("--without-keda");
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("local-cluster/build.sh failed:\n" + out);
    }
  }

  /** @return the helm CLI that local-cluster/build.sh built */
  Path helm() {
    return dev.microservice.localcluster.HelmBinary.locate().path();
  }

  /** @return the image tarballs of the runtime, the operator and the hello endpoint, as the images module builds them */
  List<Path> images() {
    List<Path> images = List.of(root.resolve("runtime-image/target/jib/runtime-image.tar"),
        root.resolve("operator/target/jib/operator-image.tar"), root.resolve("examples/hello/target/jib/hello-endpoint-image.tar"));
    for (Path image : images) {
      if (!Files.isRegularFile(image)) {
        throw new IllegalStateException(image + " is missing: build the images with "
            + "./mvnw -B -pl images -am pre-integration-test -DskipTests -DskipITs=false");
      }
    }
    return images;
  }
}
