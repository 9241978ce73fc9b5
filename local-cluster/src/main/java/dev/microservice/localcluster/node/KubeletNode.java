package dev.microservice.localcluster.node;

import static org.awaitility.Awaitility.await;

import dev.microservice.localcluster.ComponentProcess;
import dev.microservice.localcluster.FreePorts;
import dev.microservice.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real node of a {@link LocalCluster}: containerd 1.6 with runc, a CNI bridge network and the kubelet built with the
 * control plane, all under one temporary directory. Pods scheduled to it run as containers from imported images
 * ({@link #importImage}); the host reaches them on their pod IPs. {@link #close()} stops and removes everything.
 */
public final class KubeletNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeletNode.class);
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Path CONTAINER_LOG_LINKS = Path.of("/var/log/containers");
  private static final Path CONTAINERD_RUN = Path.of("/run/containerd");
  /** The device plugins' directory, fixed in the kubelet (k8s.io/kubelet/pkg/apis/deviceplugin DevicePluginPath). */
  private static final Path DEVICE_PLUGINS = Path.of("/var/lib/kubelet/device-plugins");

  private final LocalCluster cluster;
  private final String name;
  private final Path dir;
  private final boolean containerdRunExisted = Files.exists(CONTAINERD_RUN);
  private final boolean kubeletVarExisted = Files.exists(DEVICE_PLUGINS.getParent());
  private final boolean containerLogLinksExisted = Files.exists(CONTAINER_LOG_LINKS);
  private final KernelSettings kernel = KernelSettings.record();
  /** Closes the node if the JVM stops first (a killed test run): no processes, mounts or bridge left behind. */
  private final Thread shutdownHook = new Thread(this::close, "kubelet-node-shutdown");
  private CgroupRoot cgroup;
  private CniNetwork network;
  private ApiServerRoute apiServerRoute;
  private Containerd containerd;
  private ComponentProcess kubelet;
  private boolean closed;

  private KubeletNode(LocalCluster cluster, String name, Path dir) {
    this.cluster = cluster;
    this.name = name;
    this.dir = dir;
  }

  /**
   * Starts a node named {@code kubelet-node-<n>} and waits until it is Ready.
   *
   * @param cluster the cluster it joins
   * @return the Ready node; close it to stop and remove everything it started
   */
  public static KubeletNode start(LocalCluster cluster) {
    return start(cluster, "kubelet-node-" + NAMES.incrementAndGet());
  }

  /**
   * Starts containerd (with the pause image imported), the pod network and the kubelet, and waits until the kubelet
   * registered the Node and reports it Ready.
   *
   * @param cluster the cluster it joins
   * @param name the node's name (a DNS label)
   * @return the Ready node; close it to stop and remove everything it started
   * @throws IllegalStateException if a host program is missing (naming its Debian package) or the node did not get
   *     Ready (with the tails of the kubelet's and containerd's logs)
   */
  public static KubeletNode start(LocalCluster cluster, String name) {
    HostTools.check();
    Path kubeletBinary = cluster.binaries().path("kubelet");
    Path dir;
    try {
      dir = Files.createTempDirectory("kubelet-node-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KubeletNode node = new KubeletNode(cluster, name, dir);
    Runtime.getRuntime().addShutdownHook(node.shutdownHook);
    try {
      node.boot(kubeletBinary);
      return node;
    } catch (RuntimeException | Error e) {
      LOG.error("Node {} did not start:\n{}", name, node.logTails(60));
      node.close();
      throw e;
    }
  }

  private void boot(Path kubeletBinary) {
    long started = System.nanoTime();
    cgroup = CgroupRoot.create("local-cluster-" + dir.getFileName());
    network = CniNetwork.create("lc-" + name, dir.resolve("cni/net.d"), dir.resolve("cni/ipam"));
    apiServerRoute = ApiServerRoute.install(network.bridge(), cluster);
    LocalCluster.NodeCredentials credentials = cluster.issueNodeCredentials(name, List.of(network.gateway()));
    containerd = Containerd.start(dir.resolve("containerd"), dir.resolve("cni/net.d"), PauseImage.NAME);
    containerd.importImage(PauseImage.build(dir.resolve("images")));
    kubelet = Kubelet.start(kubeletBinary, new Kubelet.Settings(name, network.gateway(), FreePorts.next(),
        dir.resolve("kubelet"), containerd.socket(), cgroup.path(), credentials));
    await("node " + name + " Ready (kubelet log: " + kubelet.log() + ")").atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500)).failFast("the kubelet or containerd exited", this::anyExited)
        .ignoreExceptions().until(this::ready);
    LOG.info("Node {} Ready in {} ms: kubelet {} on {}:{}, pods in {} (bridge {}), files in {}", name,
        (System.nanoTime() - started) / 1_000_000, cluster.binaries().kubernetesVersion(), network.gateway(),
        cluster.admin().nodes().withName(name).get().getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort(),
        network.subnet(), network.bridge(), dir);
  }

  private boolean anyExited() {
    return (kubelet != null && !kubelet.isAlive()) || (containerd != null && !containerd.alive());
  }

  /** @return true if the Node's Ready condition is True */
  public boolean ready() {
    Node node = cluster.admin().nodes().withName(name).get();
    return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** @return the node's name */
  public String name() {
    return name;
  }

  /** @return the node's InternalIP: the host's address on the pod bridge, e.g. 10.88.0.1 */
  public String ip() {
    return network.gateway();
  }

  /** @return the pods' addresses (the CNI network's subnet), e.g. 10.88.0.0/24; the host routes to it */
  public String podCidr() {
    return network.subnet();
  }

  /** @return the pod network (bridge, subnet) */
  public CniNetwork network() {
    return network;
  }

  /** @return the ids of the processes this node started and that still run: kubelet, containerd, shims, containers */
  public List<Long> processIds() {
    List<Long> pids = new ArrayList<>();
    if (kubelet != null && kubelet.isAlive()) {
      pids.add(kubelet.pid());
    }
    if (containerd != null) {
      if (containerd.alive()) {
        pids.add(containerd.pid());
      }
      pids.addAll(containerd.shims());
    }
    if (cgroup != null) {
      pids.addAll(cgroup.pids());
    }
    return pids;
  }

  /** @return the node's cgroup, as the kubelet's cgroupRoot (e.g. /local-cluster-kubelet-node-123) */
  public String cgroupRoot() {
    return cgroup.path();
  }

  /** @return the node's containerd */
  public Containerd containerd() {
    return containerd;
  }

  /** @return the node's directory: containerd/, kubelet/, cni/, images/ and the logs */
  public Path dir() {
    return dir;
  }

  /**
   * Imports an image tarball (OCI layout, e.g. Jib's, or docker-archive) under the name(s) it carries; pods use it with
   * {@code imagePullPolicy: Never} or {@code IfNotPresent}. See {@link Containerd#importImage(Path)}.
   *
   * @param tarball the archive
   * @return the imported images' names
   */
  public List<String> importImage(Path tarball) {
    return containerd.importImage(tarball);
  }

  /**
   * Imports an image tarball whose OCI index names images by tag only, as {@code <baseName>:<tag>}.
   *
   * @param tarball the archive
   * @param baseName the repository, e.g. {@code ghcr.io/org/app}
   * @return the imported images' names
   */
  public List<String> importImage(Path tarball, String baseName) {
    return containerd.importImage(tarball, baseName);
  }

  /**
   * @param lines how many lines of each
   * @return the last lines of the kubelet's and containerd's logs
   */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    for (Path log : List.of(dir.resolve("kubelet/kubelet.log"), dir.resolve("containerd/containerd.log"))) {
      out.append("--- ").append(log).append(" ---\n");
      try {
        List<String> all = Files.readAllLines(log);
        out.append(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()))).append('\n');
      } catch (IOException e) {
        out.append("(none)\n");
      }
    }
    return out.toString();
  }

  /**
   * Stops and removes everything the node started: the kubelet, every container (killed by their cgroup, then deleted
   * in containerd so their shims exit), containerd and any shim left, every mount under the node's directory (root
   * filesystems, network namespaces, volumes, the kubelet's rshared root), the bridge, the cgroups, the Node object, the
   * kubelet's links in /var/log/containers, and the directory (kept with LOCAL_CLUSTER_KEEP set); the kubelet's sysctls
   * and ip_forward get their former values.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is stopping: the hook runs anyway
      }
    }
    step("stop the kubelet", () -> {
      if (kubelet != null) {
        kubelet.close();
      }
    });
    step("kill the pods' processes", () -> {
      if (cgroup != null) {
        cgroup.killAll();
      }
    });
    step("delete containerd's containers", () -> {
      if (containerd != null && containerd.alive()) {
        containerd.removeAllContainers();
      }
    });
    step("stop containerd and its shims", () -> {
      if (containerd != null) {
        containerd.close();
      }
    });
    step("unmount", () -> {
      List<Path> left = Mounts.unmountAll(dir);
      if (!left.isEmpty()) {
        throw new IllegalStateException("still mounted: " + left);
      }
    });
    step("remove the route to the API server", () -> {
      if (apiServerRoute != null) {
        apiServerRoute.close();
      }
    });
    step("remove the pod network", () -> {
      if (network != null) {
        network.close();
      }
    });
    step("remove the cgroups", () -> {
      if (cgroup != null) {
        cgroup.close();
      }
    });
    step("restore the kernel settings", kernel::restore);
    step("delete the Node", () -> cluster.admin().nodes().withName(name).delete());
    step("remove the container log links", this::removeLogLinks);
    step("remove the directories the kubelet and containerd make outside the node's", () -> {
      if (!containerdRunExisted) {
        deleteEmptyDirectories(CONTAINERD_RUN); // shims' sockets (s/), left empty
      }
      if (!kubeletVarExisted) {
        // The device manager's registration socket and checkpoint: at a fixed path, not under --root-dir.
        Files.deleteIfExists(DEVICE_PLUGINS.resolve("kubelet.sock"));
        Files.deleteIfExists(DEVICE_PLUGINS.resolve("kubelet_internal_checkpoint"));
        deleteEmptyDirectories(DEVICE_PLUGINS.getParent());
      }
      if (!containerLogLinksExisted) {
        deleteEmptyDirectories(CONTAINER_LOG_LINKS);
      }
    });
    if (System.getenv("LOCAL_CLUSTER_KEEP") == null && !Boolean.getBoolean("local-cluster.keep")) {
      step("delete " + dir, () -> {
        if (!Mounts.under(dir).isEmpty()) {
          throw new IllegalStateException("mounts left, not deleting it");
        }
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private void removeLogLinks() throws IOException {
    if (!Files.isDirectory(CONTAINER_LOG_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> links = Files.newDirectoryStream(CONTAINER_LOG_LINKS)) {
      for (Path link : links) {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(dir)) {
          Files.delete(link);
        }
      }
    }
  }

  private static void deleteEmptyDirectories(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      for (Path d : tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.delete(d);
        } catch (IOException e) {
          // not empty: in use
        }
      }
    }
  }

  private void step(String what, ThrowingRunnable action) {
    try {
      action.run();
    } catch (Exception e) {
      LOG.warn("Node {}: could not {}: {}", name, what, e.toString());
    }
  }

  /** An action of close that may throw. */
  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
