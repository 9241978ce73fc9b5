package dev.microservice.localcluster.node;

import dev.microservice.localcluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stand-in for kube-proxy, for one Service only: pods reach the API server through the {@code kubernetes} Service
 * (ClusterIP {@value #CLUSTER_IP}:443), as in-cluster clients do. The API server listens on loopback, which an
 * Endpoints object may not name, so kube-proxy could not route to it; instead a DNAT rule sends what pods address to
 * {@value #CLUSTER_IP}:443 on the node's bridge to the API server's loopback port ({@code route_localnet} on the
 * bridge lets the kernel route it there). Other Services have no ClusterIP routing: tests talk to pod IPs.
 */
final class ApiServerRoute implements AutoCloseable {
  /** The kubernetes Service's ClusterIP, the first address of {@link LocalCluster#SERVICE_CIDR}. */
  static final String CLUSTER_IP = "10.0.0.1";
  private final List<String> rule;
  private final Path routeLocalnet;
  private final String before;

  private ApiServerRoute(List<String> rule, Path routeLocalnet, String before) {
    this.rule = rule;
    this.routeLocalnet = routeLocalnet;
    this.before = before;
  }

  /** Installs the rule for pods on the bridge. */
  static ApiServerRoute install(String bridge, LocalCluster cluster) {
    HostTools.require("iptables", "iptables");
    int port = URI.create(cluster.server()).getPort();
    List<String> rule = List.of("PREROUTING", "-i", bridge, "-d", CLUSTER_IP + "/32", "-p", "tcp", "--dport", "443",
        "-j", "DNAT", "--to-destination", "127.0.0.1:" + port, "-m", "comment", "--comment", "local-cluster " + bridge);
    Path sysctl = Path.of("/proc/sys/net/ipv4/conf", bridge, "route_localnet");
    try {
      String before = Files.readString(sysctl).strip();
      Files.writeString(sysctl, "1");
      HostCommand.run(command("-A", rule));
      return new ApiServerRoute(rule, sysctl, before);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] command(String action, List<String> rule) {
    String[] command = new String[rule.size() + 4];
    command[0] = "iptables";
    command[1] = "-t";
    command[2] = "nat";
    command[3] = action;
    for (int i = 0; i < rule.size(); i++) {
      command[i + 4] = rule.get(i);
    }
    return command;
  }

  /** Removes the rule and restores the bridge's setting (the bridge may already be gone). */
  @Override
  public void close() {
    HostCommand.exec(List.of(command("-D", rule)), java.util.Map.of());
    try {
      if (Files.exists(routeLocalnet)) {
        Files.writeString(routeLocalnet, before);
      }
    } catch (IOException e) {
      // the bridge went first
    }
  }
}
