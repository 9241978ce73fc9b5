package dev.microservice.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a stopped local cluster must not leave on this machine: processes, pod bridges, mounts. */
final class NothingLeft {
  private static final List<String> BINARIES = List.of("/bin/kube-apiserver", "/bin/kube-controller-manager",
      "/bin/kube-scheduler", "/bin/kubelet", "/bin/etcd ", "containerd --config /tmp/kubelet-node-",
      "containerd-shim-runc-v2", "dev.microservice.cli.cluster.ClusterDaemon");

  private NothingLeft() {}

  static List<String> processes() {
    return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
        .filter(c -> BINARIES.stream().anyMatch(c::contains)).toList();
  }

  static List<String> bridges() throws IOException {
    try (var links = Files.list(Path.of("/sys/class/net"))) {
      return links.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("lcbr")).toList();
    }
  }

  static List<String> mounts() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("/kubelet-node-") || l.contains("/local-cluster-")).toList();
  }
}
