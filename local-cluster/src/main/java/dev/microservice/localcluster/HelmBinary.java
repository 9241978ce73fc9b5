package dev.microservice.localcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The helm CLI build.sh built: {@code ~/.cache/microservice-operator/helm/v<helm>/bin/helm}, or under
 * {@code $MSVC_HELM_CACHE}. The version (HELM_VERSION) comes from versions.env, the file build.sh reads.
 *
 * @param path the helm executable
 * @param version the helm version, e.g. 3.19.5
 */
public record HelmBinary(Path path, String version) {
  /** @return helm of the pinned version, checked to exist */
  public static HelmBinary locate() {
    String cache = System.getenv("MSVC_HELM_CACHE");
    Path root = cache != null && !cache.isBlank() ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "microservice-operator", "helm");
    return locate(root, KubernetesBinaries.versions().getProperty("HELM_VERSION"));
  }

  /**
   * @param root the helm cache, holding v&lt;version&gt;/bin/helm
   * @param version the helm version
   * @return helm of that version under root, checked to exist
   */
  static HelmBinary locate(Path root, String version) {
    Path path = root.resolve("v" + version).resolve("bin").resolve("helm");
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is missing: run local-cluster/build.sh"
          + " (it builds helm " + version + " from the Go module proxy; needs Go >= 1.24)");
    }
    return new HelmBinary(path, version);
  }

  /**
   * @param args helm's arguments, e.g. "template", "name", "chart"
   * @return the command line running helm with them
   */
  public List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(path.toString()));
    command.addAll(List.of(args));
    return command;
  }
}
