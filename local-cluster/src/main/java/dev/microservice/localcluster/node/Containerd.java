package dev.microservice.localcluster.node;

import static org.awaitility.Awaitility.await;

import dev.microservice.localcluster.ComponentProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** containerd with its CRI plugin and runc, all of its files (config, root, state, socket) under one directory. */
public final class Containerd implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Containerd.class);
  /** The namespace of containerd's CRI plugin: the kubelet's images and containers. */
  static final String NAMESPACE = "k8s.io";
  private static final Pattern IMPORTED = Pattern.compile("(?m)^unpacking (\\S+) \\(sha256:[0-9a-f]+\\)");
  /**
   * Any pull goes to a proxy on a loopback port where nothing listens: images come only from imports
   * (imagePullPolicy: Never), and a pull fails at once without a DNS query or a packet leaving the machine.
   */
  private static final Map<String, String> NO_PULLS = Map.of("HTTP_PROXY", "http://127.0.0.1:9",
      "HTTPS_PROXY", "http://127.0.0.1:9", "http_proxy", "http://127.0.0.1:9", "https_proxy", "http://127.0.0.1:9",
      "NO_PROXY", "", "no_proxy", "");
  private final Path dir;
  private final Path ctr;
  private ComponentProcess process;

  private Containerd(Path dir) {
    this.dir = dir;
    this.ctr = HostTools.require("ctr");
  }

  /**
   * Writes the configuration and starts containerd, waiting until it answers.
   *
   * @param dir its directory (config.toml, root/, state/, containerd.sock, containerd.log)
   * @param cniConfDir the CNI configuration directory it loads the pod network from
   * @param sandboxImage the pod sandbox image, which must be imported before the first pod
   * @return the running containerd
   */
  static Containerd start(Path dir, Path cniConfDir, String sandboxImage) {
    Path binary = HostTools.require("containerd");
    HostTools.require("containerd-shim-runc-v2");
    Path runc = HostTools.require("runc");
    Containerd containerd = new Containerd(dir);
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("config.toml");
      Files.writeString(config, config(dir, cniConfDir, sandboxImage, runc), StandardCharsets.UTF_8);
      containerd.process = ComponentProcess.start("containerd", binary, List.of("--config", config.toString()), dir,
          NO_PULLS);
      await("containerd on " + containerd.socket()).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .failFast("containerd exited: " + containerd.process.log(), () -> !containerd.process.isAlive())
          .until(() -> HostCommand.exec(containerd.ctrCommand("version"), Map.of()).exitCode() == 0);
      return containerd;
    } catch (IOException e) {
      containerd.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      LOG.error("containerd did not start: {}", containerd.process == null ? "" : containerd.process.tail(30));
      containerd.close();
      throw e;
    }
  }

  private static String config(Path dir, Path cniConfDir, String sandboxImage, Path runc) {
    return """
        # containerd 1.6 (config schema version 2) for one KubeletNode: everything under %1$s, nothing in
        # /var/lib/containerd, /run/containerd or /etc/containerd.
        version = 2
        root = %2$s
        state = %3$s
        # Temporary mounts (image unpacking) under the node's directory too.
        temp = %4$s
        # Snapshotters that cannot work here (no modules, not btrfs/zfs, no devmapper pool): not even tried.
        disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
          "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

        [grpc]
          # The kubelet's containerRuntimeEndpoint and ctr's --address.
          address = %5$s

        [plugins."io.containerd.internal.v1.opt"]
          # Default /opt/containerd.
          path = %6$s

        [plugins."io.containerd.grpc.v1.cri"]
          # Never pulled: imported from a tarball built offline (PauseImage) before the first pod.
          sandbox_image = %7$s
          # Pods' network namespaces are bind-mounted under the state directory, not /var/run/netns.
          netns_mounts_under_state_dir = true
          # Exec/attach/port-forward streams on loopback only, a free port.
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
          # No container gets an oom_score_adj below containerd's own: lowering it needs CAP_SYS_RESOURCE, which this
          # machine's root lacks (runc: "failed to update /proc/self/oom_score_adj: Permission denied" for the
          # sandbox's -998, seen as "can't get final child's PID from pipe: EOF").
          restrict_oom_score_adj = true

          [plugins."io.containerd.grpc.v1.cri".containerd]
            # overlay is built into this kernel.
            snapshotter = "overlayfs"
            default_runtime_name = "runc"

            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"

              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                BinaryName = %8$s
                # PID 1 is not systemd: cgroupfs, matching the kubelet's cgroupDriver.
                SystemdCgroup = false
                # runc's state, default /run/containerd/runc.
                Root = %9$s

          [plugins."io.containerd.grpc.v1.cri".cni]
            # Debian's containernetworking-plugins.
            bin_dir = "/usr/lib/cni"
            # The node's own: one bridge network (CniNetwork). 1.6 loads the first file only.
            conf_dir = %10$s
            max_conf_num = 1
        """.formatted(dir, toml(dir.resolve("root")), toml(dir.resolve("state")), toml(dir.resolve("tmp")),
        toml(dir.resolve("containerd.sock")), toml(dir.resolve("opt")), toml(sandboxImage), toml(runc),
        toml(dir.resolve("runc")), toml(cniConfDir));
  }

  private static String toml(Path path) {
    return toml(path.toString());
  }

  private static String toml(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** @return the socket the kubelet and ctr use */
  public Path socket() {
    return dir.resolve("containerd.sock");
  }

  /** @return containerd's log file */
  public Path log() {
    return process.log();
  }

  /**
   * Imports an image tarball (OCI layout or docker-archive, e.g. Jib's buildTar) into the CRI namespace, unpacked for
   * the kubelet; pods use it with {@code imagePullPolicy: Never} (or IfNotPresent) under the name the tarball gives.
   *
   * @param tarball the archive
   * @return the names of the imported images, e.g. {@code ghcr.io/org/app:1.0}
   * @throws IllegalStateException if the tarball names no image (an OCI index with a bare tag): use
   *     {@link #importImage(Path, String)}
   */
  public List<String> importImage(Path tarball) {
    return importImage(tarball, null);
  }

  /**
   * Imports an image tarball whose OCI index may name its images by tag only ({@code org.opencontainers.image.ref.name:
   * 1.0}): they become {@code <baseName>:<tag>}; full names in the index must start with the base name.
   *
   * @param tarball the archive
   * @param baseName the repository, e.g. {@code ghcr.io/org/app}; null to use the names in the tarball
   * @return the names of the imported images
   */
  public List<String> importImage(Path tarball, String baseName) {
    List<String> command = new ArrayList<>(ctrCommand("images", "import"));
    if (baseName != null) {
      command.addAll(List.of("--base-name", baseName));
    }
    command.add(tarball.toAbsolutePath().toString());
    String output = HostCommand.run(command, Map.of());
    List<String> names = new ArrayList<>();
    Matcher matcher = IMPORTED.matcher(output);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    if (names.isEmpty() || names.stream().allMatch(n -> n.startsWith("import-"))) {
      throw new IllegalStateException(tarball + " names no image (" + output.strip() + "): pass a base name");
    }
    LOG.info("Imported {} from {}", names, tarball);
    return names;
  }

  /** @return the names of the images in the CRI namespace */
  public List<String> images() {
    return HostCommand.run(ctrCommand("images", "ls", "-q"), Map.of()).lines().filter(l -> !l.isBlank()).toList();
  }

  /** @return the ids of the containers (pod sandboxes and containers) in the CRI namespace */
  public List<String> containers() {
    return HostCommand.run(ctrCommand("containers", "ls", "-q"), Map.of()).lines().filter(l -> !l.isBlank()).toList();
  }

  /** @return the ids of the tasks (running container processes) that are RUNNING in the CRI namespace */
  public List<String> runningTasks() {
    return HostCommand.run(ctrCommand("tasks", "ls"), Map.of()).lines().skip(1).map(l -> l.trim().split("\\s+"))
        .filter(f -> f.length >= 3 && f[2].equals("RUNNING")).map(f -> f[0]).toList();
  }

  /**
   * Kills every task (SIGKILL), deletes the tasks and the containers: their shims exit and their root filesystems are
   * unmounted. For close, after the kubelet stopped; the network namespaces stay (see {@link KubeletNode#close()}).
   */
  void removeAllContainers() {
    for (String id : containers()) {
      HostCommand.exec(ctrCommand("tasks", "kill", "--all", "--signal", "SIGKILL", id), Map.of());
    }
    for (String id : containers()) {
      HostCommand.exec(ctrCommand("tasks", "delete", "--force", id), Map.of());
      HostCommand.exec(ctrCommand("containers", "delete", id), Map.of());
    }
  }

  /** @return the ids of shim processes serving this containerd (their command line names its socket) */
  List<Long> shims() {
    List<Long> pids = new ArrayList<>();
    String socket = socket().toString();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          List<String> args = List.of(new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
              .split("\0"));
          if (!args.isEmpty() && args.get(0).contains("containerd-shim") && args.contains(socket)) {
            pids.add(Long.parseLong(proc.getFileName().toString()));
          }
        } catch (IOException e) {
          // exited meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pids;
  }

  /** @return true while containerd runs */
  boolean alive() {
    return process != null && process.isAlive();
  }

  /** @return the process id of containerd */
  public long pid() {
    return process.pid();
  }

  /** @return ctr's command line for this containerd and the CRI namespace, followed by the arguments */
  List<String> ctrCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(ctr.toString(), "--address", socket().toString(), "--namespace",
        NAMESPACE));
    command.addAll(List.of(args));
    return command;
  }

  /** Stops containerd (SIGTERM, SIGKILL after 10 s), then kills its shims left running, by their ids. */
  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
    for (long pid : shims()) {
      ProcessHandle.of(pid).ifPresent(p -> {
        p.destroyForcibly();
        p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
      });
    }
  }
}
