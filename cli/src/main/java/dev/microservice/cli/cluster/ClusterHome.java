package dev.microservice.cli.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code msvc cluster} keeps a running cluster's state: {@code $MSVC_CLUSTER_HOME}, or {@code ~/.msvc/cluster}.
 *
 * @param dir the directory
 */
public record ClusterHome(Path dir) {
  /** @return the home from the environment */
  public static ClusterHome fromEnv() {
    String env = System.getenv("MSVC_CLUSTER_HOME");
    return new ClusterHome(env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".msvc", "cluster"));
  }

  /** @return the daemon's process id file */
  public Path pidFile() {
    return dir.resolve("daemon.pid");
  }

  /** @return the progress file: one line per step, then READY or FAILED */
  public Path progress() {
    return dir.resolve("progress");
  }

  /** @return the file whose creation asks the daemon to stop */
  public Path stopRequest() {
    return dir.resolve("stop");
  }

  /** @return the daemon's log */
  public Path log() {
    return dir.resolve("daemon.log");
  }

  /** @return the kubeconfig users point kubectl at */
  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** @return the file a shell sources to use the cluster: KUBECONFIG, PATH (kubectl, helm) and ctr's socket */
  public Path env() {
    return dir.resolve("env");
  }

  /** @return where the cluster's components keep their files */
  public Path state() {
    return dir.resolve("state");
  }

  /** @return the daemon if it runs */
  public Optional<ProcessHandle> daemon() {
    try {
      long pid = Long.parseLong(java.nio.file.Files.readString(pidFile()).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (java.io.IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
