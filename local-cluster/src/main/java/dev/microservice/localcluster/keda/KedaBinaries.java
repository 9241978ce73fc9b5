package dev.microservice.localcluster.keda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What build.sh built of KEDA: {@code ~/.cache/microservice-operator/keda/v<keda>/} (or under {@code $MSVC_KEDA_CACHE})
 * holds {@code bin/keda-operator}, {@code bin/keda-adapter}, and from the same Go module KEDA's CRDs
 * ({@code crds/}, its config/crd/bases) and RBAC ({@code rbac/}, the operator's; {@code metrics-server/}, the
 * adapter's). The version (KEDA_VERSION) comes from versions.env, the file build.sh reads.
 *
 * @param dir the version's directory
 * @param version the KEDA version, e.g. 2.21.0
 */
public record KedaBinaries(Path dir, String version) {
  /** @return KEDA of the pinned version, checked to exist */
  public static KedaBinaries locate() {
    String cache = System.getenv("MSVC_KEDA_CACHE");
    Path root = cache != null && !cache.isBlank() ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "microservice-operator", "keda");
    return locate(root, pinnedVersion());
  }

  /**
   * @param root the KEDA cache, holding v&lt;version&gt;/
   * @param version the KEDA version
   * @return KEDA of that version under root, checked to exist
   */
  static KedaBinaries locate(Path root, String version) {
    KedaBinaries keda = new KedaBinaries(root.resolve("v" + version), version);
    for (Path needed : List.of(keda.operator(), keda.adapter())) {
      if (!Files.isExecutable(needed)) {
        throw new IllegalStateException(needed + " is missing: run local-cluster/build.sh"
            + " (it builds KEDA " + version + " from the Go module proxy; needs Go >= 1.26)");
      }
    }
    if (keda.crds().isEmpty()) {
      throw new IllegalStateException("KEDA's CRDs are missing in " + keda.dir.resolve("crds") + ": run local-cluster/build.sh");
    }
    return keda;
  }

  /** @return KEDA_VERSION of versions.env */
  public static String pinnedVersion() {
    Properties versions = new Properties();
    try (InputStream in = KedaBinaries.class.getResourceAsStream("/dev/microservice/localcluster/versions.env")) {
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions.getProperty("KEDA_VERSION");
  }

  /** @return the operator (controllers, scalers, the gRPC metrics service) */
  public Path operator() {
    return dir.resolve("bin").resolve("keda-operator");
  }

  /** @return the metrics adapter (the external.metrics.k8s.io API server) */
  public Path adapter() {
    return dir.resolve("bin").resolve("keda-adapter");
  }

  /** @return the CRD manifests, sorted */
  public List<Path> crds() {
    return yaml(dir.resolve("crds"));
  }

  /**
   * @return KEDA's RBAC manifests: the operator's ClusterRole, Role and bindings (config/rbac), and the metrics
   *     server's (config/metrics-server role and bindings: auth delegation, the authentication ConfigMap reader, and
   *     the HPA controller's access to external metrics), all for the ServiceAccount keda/keda-operator
   */
  public List<Path> rbac() {
    return Stream.concat(yaml(dir.resolve("rbac")).stream(), yaml(dir.resolve("metrics-server")).stream()
            .filter(p -> p.getFileName().toString().startsWith("role")))
        .filter(p -> !p.getFileName().toString().equals("kustomization.yaml")).toList();
  }

  private static List<Path> yaml(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
