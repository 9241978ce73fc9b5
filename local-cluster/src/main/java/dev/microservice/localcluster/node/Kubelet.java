package dev.microservice.localcluster.node;

import dev.microservice.localcluster.ComponentProcess;
import dev.microservice.localcluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The kubelet process of a KubeletNode: its configuration file (each setting explained) and its command line. */
final class Kubelet {
  private Kubelet() {}

  /**
   * The kubelet's settings for one node.
   *
   * @param name the node's name (--hostname-override)
   * @param ip the node's address: the host's address on the pod bridge
   * @param port the kubelet's API port
   * @param dir the kubelet's root directory (its --root-dir and the files below)
   * @param containerdSocket the CRI endpoint
   * @param cgroupRoot the cgroup all pods go under
   * @param credentials the node's kubeconfig, serving certificate and the cluster CA
   */
  record Settings(String name, String ip, int port, Path dir, Path containerdSocket, String cgroupRoot,
      LocalCluster.NodeCredentials credentials) {}

  /**
   * Writes {@code kubelet.yaml} and {@code resolv.conf} into the settings' directory and starts the kubelet.
   *
   * @param binary the kubelet binary
   * @param settings the node's settings
   * @return the process; its log is {@code kubelet.log} in the directory
   */
  static ComponentProcess start(Path binary, Settings settings) {
    Path dir = settings.dir();
    try {
      Files.createDirectories(dir.resolve("root"));
      Files.writeString(dir.resolve("resolv.conf"), """
          # The pods' resolv.conf (kubelet resolvConf): no DNS server for pods of the local cluster. Their own loopback
          # answers nothing, so a lookup fails at once and no query goes to the host's resolver.
          nameserver 127.0.0.1
          """, StandardCharsets.UTF_8);
      Path config = dir.resolve("kubelet.yaml");
      Files.writeString(config, configuration(settings), StandardCharsets.UTF_8);
      List<String> args = List.of("--config=" + config, "--kubeconfig=" + settings.credentials().kubeconfig(),
          // The Node's name: the one its client certificate (system:node:<name>) and NodeRestriction expect.
          "--hostname-override=" + settings.name(),
          // The InternalIP: the host's address on the pod bridge, where the apiserver reaches the kubelet.
          "--node-ip=" + settings.ip(),
          // Everything the kubelet keeps (pods' volumes, plugins, checkpoints) under the node's directory, not
          // /var/lib/kubelet; it bind-mounts this directory onto itself to make it rshared.
          "--root-dir=" + dir.resolve("root"), "--cert-dir=" + dir.resolve("pki"),
          "--v=2");
      return ComponentProcess.start("kubelet", binary, args, dir, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return this process's hard limit of open files (its children inherit it), or the kubelet's default */
  static long openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String hard = line.substring("Max open files".length()).trim().split("\\s+")[1];
          return hard.equals("unlimited") ? 1_000_000 : Long.parseLong(hard);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the default then
    }
    return 1_000_000;
  }

  /** @return the KubeletConfiguration, with the reason for every setting that differs from the default */
  static String configuration(Settings s) {
    Path dir = s.dir();
    return """
        # The kubelet (1.34) of a KubeletNode: a host with cgroup v1 and no systemd, containerd 1.6, no registry.
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration

        # --- The kubelet's API (logs, exec, port-forward from the apiserver) ---
        # The node's address on the pod bridge, not 0.0.0.0: reachable from the host and the pods only.
        address: "%1$s"
        # A free port: several kubelets may run on one host (default 10250).
        port: %2$d
        # No unauthenticated read-only port (0 is the file's default, the flag's is 10255).
        readOnlyPort: 0
        # No separate /healthz listener (default 127.0.0.1:10248, one per host): the Node's Ready condition says it.
        healthzPort: 0
        # Serving certificate from the cluster CA for the node's name and address, checked by the apiserver
        # (--kubelet-certificate-authority); without it the kubelet signs one itself.
        tlsCertFile: "%3$s"
        tlsPrivateKeyFile: "%4$s"
        authentication:
          # No anonymous access.
          anonymous:
            enabled: false
          # Bearer tokens checked by TokenReview with the apiserver.
          webhook:
            enabled: true
          # Client certificates from the cluster CA: the apiserver's kube-apiserver-kubelet-client.
          x509:
            clientCAFile: "%5$s"
        authorization:
          # Every request checked by SubjectAccessReview (that user is bound to system:kubelet-api-admin).
          mode: Webhook

        # --- The runtime ---
        # The node's containerd on its own socket, not /run/containerd/containerd.sock.
        containerRuntimeEndpoint: "unix://%6$s"
        # PID 1 is not systemd: the cgroupfs driver, as containerd's SystemdCgroup = false. containerd 1.6 cannot report
        # its driver (no CRI RuntimeConfig, added in 2.0), so the kubelet takes this one.
        cgroupDriver: cgroupfs
        # The host has cgroup v1 (/sys/fs/cgroup is a tmpfs of v1 hierarchies): 1.34 warns, 1.35+ refuses without this.
        failCgroupV1: false
        # Every pod under the node's own cgroup (created before and removed after), not the host-wide /kubepods.
        cgroupRoot: "%7$s"
        # A machine with swap (a developer's) must not stop the kubelet; pods get no swap (swapBehavior NoSwap).
        failSwapOn: false
        # A shared 2-core machine: give containerd time for slow sandbox starts (default 2m).
        runtimeRequestTimeout: "5m"

        # --- Disk and memory: small test machines ---
        # Evict only when nearly out (defaults: 10%% disk, 15%% image disk would evict pods on a full CI disk).
        evictionHard:
          memory.available: "100Mi"
          nodefs.available: "1%%"
          nodefs.inodesFree: "1%%"
          imagefs.available: "1%%"
          imagefs.inodesFree: "1%%"
        # Images are imported, never pulled (imagePullPolicy: Never): never garbage-collect them (default at 85%%).
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99

        # --- Keep the host as it was ---
        # A resolv.conf of its own for pods (nameserver 127.0.0.1): no DNS query reaches the host's resolver. No
        # clusterDNS: there is no CoreDNS.
        resolvConf: "%8$s"
        # Container logs under the node's directory, not /var/log/pods (/var/log/containers only gets symlinks).
        podLogsDir: "%9$s"
        # No FlexVolume directory created in /usr/libexec/kubernetes.
        volumePluginDir: "%10$s"
        # No KUBE-IPTABLES-HINT / KUBE-KUBELET-CANARY chains in the host's iptables: nothing here reads them.
        makeIPTablesUtilChains: false
        # staticPodPath unset: no static pods. The kubelet sets vm.overcommit_memory=1, vm.panic_on_oom=0,
        # kernel.panic=10, kernel.panic_on_oops=1 while it runs (true would make it refuse this host's values instead);
        # KubeletNode puts the host's values back on close.
        protectKernelDefaults: false
        # 0, not -999: lowering its own oom_score_adj needs CAP_SYS_RESOURCE, which root lacks on this machine (the
        # kubelet would only log the failure); containerd's restrict_oom_score_adj does the same for the containers.
        oomScoreAdj: 0
        # The open-files limit it sets itself (default 1000000): this process's hard limit, as going beyond it needs
        # CAP_SYS_RESOURCE too ("Failed to set rlimit on max file handles").
        maxOpenFiles: %11$d
        # Graceful node shutdown needs systemd's inhibitor locks: off.
        shutdownGracePeriod: "0s"
        shutdownGracePeriodCriticalPods: "0s"
        """.formatted(s.ip(), s.port(), s.credentials().servingCert(), s.credentials().servingKey(), s.credentials().ca(),
        s.containerdSocket(), s.cgroupRoot(), dir.resolve("resolv.conf"), dir.resolve("pods-logs"),
        dir.resolve("volume-plugins"), openFilesLimit());
  }
}
