package dev.microservice.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where build.sh put the Kubernetes binaries: {@code ~/.cache/microservice-operator/kubernetes/v<k8s>-etcd<etcd>/bin},
 * or under {@code $MSVC_K8S_CACHE}. The versions come from versions.env, the file build.sh reads.
 *
 * @param dir the directory holding the binaries
 * @param kubernetesVersion the Kubernetes version, e.g. 1.34.4
 * @param etcdVersion the etcd version, e.g. 3.6.16
 */
public record KubernetesBinaries(Path dir, String kubernetesVersion, String etcdVersion) {
  private static final List<String> NAMES = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler",
      "kubectl", "kubelet");

  /** @return the binaries of the pinned versions, checked to exist */
  public static KubernetesBinaries locate() {
    Properties versions = versions();
    String k8s = versions.getProperty("KUBERNETES_VERSION");
    String etcd = versions.getProperty("ETCD_VERSION");
    String cache = System.getenv("MSVC_K8S_CACHE");
    Path root = cache != null && !cache.isBlank() ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "microservice-operator", "kubernetes");
    KubernetesBinaries binaries = new KubernetesBinaries(root.resolve("v" + k8s + "-etcd" + etcd).resolve("bin"), k8s, etcd);
    for (String name : NAMES) {
      if (!Files.isExecutable(binaries.path(name))) {
        throw new IllegalStateException(binaries.path(name) + " is missing: run local-cluster/build.sh"
            + " (it builds Kubernetes " + k8s + " and etcd " + etcd + " from the Go module proxy; needs Go >= 1.24)");
      }
    }
    return binaries;
  }

  /** @return versions.env, the versions build.sh builds */
  static Properties versions() {
    Properties versions = new Properties();
    try (InputStream in = KubernetesBinaries.class.getResourceAsStream("versions.env")) {
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }

  /**
   * @param name a binary's name, e.g. kube-apiserver
   * @return its path
   */
  public Path path(String name) {
    return dir.resolve(name);
  }
}
