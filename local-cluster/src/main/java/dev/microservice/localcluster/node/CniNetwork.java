package dev.microservice.localcluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The pod network: a bridge with a private /24 (the host takes .1), pods attached by the CNI bridge plugin. */
public final class CniNetwork implements AutoCloseable {
  private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
  private static final Path CNI_RESULTS = Path.of("/var/lib/cni/results");
  private final String name;
  private final String bridge;
  private final int octet;
  private final String ipForwardBefore;

  private CniNetwork(String name, String bridge, int octet, String ipForwardBefore) {
    this.name = name;
    this.bridge = bridge;
    this.octet = octet;
    this.ipForwardBefore = ipForwardBefore;
  }

  /**
   * Picks the first free 10.88.N.0/24 (no host address or route in it, no bridge of that name), creates the bridge with
   * the gateway address on it (so the kubelet can use that address as the node's, and the host reaches the pods), and
   * writes the one CNI configuration containerd loads.
   *
   * @param name the network's name (CNI caches results by it)
   * @param confDir containerd's CNI configuration directory
   * @param ipamDir host-local's directory for its leases
   * @return the network
   */
  static CniNetwork create(String name, Path confDir, Path ipamDir) {
    HostTools.require("ip");
    HostTools.require("/usr/lib/cni/bridge");
    HostTools.require("/usr/lib/cni/host-local");
    HostTools.require("/usr/lib/cni/loopback");
    String addresses = HostCommand.run("ip", "-o", "-4", "addr", "show") + HostCommand.run("ip", "-4", "route", "show")
        + HostCommand.run("ip", "-o", "link", "show");
    for (int n = 0; n < 256; n++) {
      String bridge = "lcbr" + n;
      if (addresses.contains("10.88." + n + ".") || addresses.contains(" " + bridge + ":")
          || addresses.contains("10.88.0.0/16")) {
        continue;
      }
      String forward = read(IP_FORWARD);
      if (HostCommand.exec(List.of("ip", "link", "add", bridge, "type", "bridge"), Map.of())
          .exitCode() != 0) {
        continue; // taken meanwhile by another node
      }
      CniNetwork network = new CniNetwork(name, bridge, n, forward);
      try {
        HostCommand.run("ip", "addr", "add", network.gateway() + "/24", "dev", bridge);
        HostCommand.run("ip", "link", "set", bridge, "up");
        network.writeConfig(confDir, ipamDir);
        return network;
      } catch (RuntimeException e) {
        network.close();
        throw e;
      }
    }
    throw new IllegalStateException("no free /24 in 10.88.0.0/16 for a pod network");
  }

  private void writeConfig(Path confDir, Path ipamDir) {
    // cniVersion 1.0.0: the highest the plugins 1.1.1 accept. One route, to the Service range through the host (the
    // API server's ClusterIP, see ApiServerRoute); otherwise pods reach their /24 only (the host is on it), nothing
    // beyond; no masquerading. containerd adds the loopback interface itself (its CRI plugin always
    // attaches the loopback plugin first), and 1.6 loads only one file (max_conf_num = 1): this is the only one.
    String conf = """
        {
          "cniVersion": "1.0.0",
          "name": "%s",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": false,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "%s", "gateway": "%s"}]],
                "routes": [{"dst": "%s"}],
                "dataDir": "%s"
              }
            }
          ]
        }
        """.formatted(name, bridge, subnet(), gateway(), dev.microservice.localcluster.LocalCluster.SERVICE_CIDR, ipamDir.toAbsolutePath().toString().replace("\\", "\\\\")
        .replace("\"", "\\\""));
    try {
      Files.createDirectories(confDir);
      Files.createDirectories(ipamDir);
      Files.writeString(confDir.resolve("10-" + name + ".conflist"), conf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the network's name */
  public String name() {
    return name;
  }

  /** @return the bridge device, e.g. lcbr0 */
  public String bridge() {
    return bridge;
  }

  /** @return the pods' subnet, e.g. 10.88.0.0/24 */
  public String subnet() {
    return "10.88." + octet + ".0/24";
  }

  /** @return the host's address on the bridge, e.g. 10.88.0.1: the node's InternalIP */
  public String gateway() {
    return "10.88." + octet + ".1";
  }

  /**
   * Deletes the bridge (with it the host ends of pods' veth pairs), the CNI plugins' cached results of this network,
   * and puts net.ipv4.ip_forward back as it was (the bridge plugin turns it on for a gateway).
   */
  @Override
  public void close() {
    HostCommand.quietly("ip", "link", "del", bridge);
    if (Files.isDirectory(CNI_RESULTS)) {
      try (DirectoryStream<Path> results = Files.newDirectoryStream(CNI_RESULTS, name + "-*")) {
        for (Path result : results) {
          Files.deleteIfExists(result);
        }
      } catch (IOException e) {
        // best effort
      }
      deleteIfEmpty(CNI_RESULTS);
      deleteIfEmpty(CNI_RESULTS.getParent());
    }
    if (ipForwardBefore != null && !ipForwardBefore.equals(read(IP_FORWARD))) {
      try {
        Files.writeString(IP_FORWARD, ipForwardBefore);
      } catch (IOException e) {
        // best effort
      }
    }
  }

  /** @return true if the bridge device exists */
  public boolean bridgeExists() {
    return Files.exists(Path.of("/sys/class/net", bridge));
  }

  private static void deleteIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // not empty: another network's
    }
  }

  private static String read(Path file) {
    try {
      return KernelSettings.read(file);
    } catch (IOException e) {
      return null;
    }
  }
}
