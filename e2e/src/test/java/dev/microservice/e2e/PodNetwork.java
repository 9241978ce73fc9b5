package dev.microservice.e2e;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives each pod its own network identity, as in a cluster: a network namespace with its own IP
 * on a bridge that the test JVM (the "node") also sits on.
 */
final class PodNetwork implements AutoCloseable {
  /** The node's address on the pod network: where the test's Kafka broker listens. */
  static final String NODE_IP = "10.213.0.1";
  private final String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 4);
  private final String bridge = "mse2e" + id;
  private final Deque<Integer> free = new ArrayDeque<>();

  PodNetwork() {
    HostTools.require();
    removeLeftovers();
    for (int i = 2; i < 250; i++) {
      free.add(i);
    }
    Shell.run("ip", "link", "add", bridge, "type", "bridge");
    Shell.run("ip", "addr", "add", NODE_IP + "/24", "dev", bridge);
    Shell.run("ip", "link", "set", bridge, "up");
  }

  /** A run that was killed leaves its bridge (same address) and namespaces behind: remove them first. */
  private static void removeLeftovers() {
    for (String line : Shell.run("ip", "-o", "link", "show", "type", "bridge").lines().toList()) {
      String[] parts = line.split(":\\s+");
      if (parts.length > 1 && parts[1].startsWith("mse2e")) {
        Shell.quietly("ip", "link", "del", parts[1].split("@")[0]);
      }
    }
    for (String line : Shell.run("ip", "netns", "list").lines().toList()) {
      String name = line.split("\\s+")[0];
      if (name.startsWith("mse2e-")) {
        Shell.quietly("ip", "netns", "del", name);
      }
    }
  }

  /**
   * A pod's network namespace and address.
   *
   * @param netns the namespace's name (ip netns)
   * @param ip the pod's IP
   * @param hostVeth the node's end of the pod's veth pair
   */
  record Attachment(String netns, String ip, String hostVeth) {
    /** @return the namespace's file, for nsenter --net */
    String netnsFile() {
      return "/run/netns/" + netns;
    }
  }

  synchronized Attachment attach() {
    int n = free.removeFirst();
    String netns = "mse2e-" + id + "-" + n;
    String host = "v" + id + "h" + n;
    String pod = "v" + id + "p" + n;
    String ip = "10.213.0." + n;
    Shell.run("ip", "netns", "add", netns);
    Shell.run("ip", "link", "add", host, "type", "veth", "peer", "name", pod);
    Shell.run("ip", "link", "set", host, "master", bridge);
    Shell.run("ip", "link", "set", host, "up");
    Shell.run("ip", "link", "set", pod, "netns", netns);
    Shell.run("ip", "netns", "exec", netns, "ip", "addr", "add", ip + "/24", "dev", pod);
    Shell.run("ip", "netns", "exec", netns, "ip", "link", "set", pod, "up");
    Shell.run("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up");
    return new Attachment(netns, ip, host);
  }

  synchronized void detach(Attachment a) {
    Shell.quietly("ip", "netns", "del", a.netns());
    Shell.quietly("ip", "link", "del", a.hostVeth());
    free.addFirst(Integer.parseInt(a.ip().substring(a.ip().lastIndexOf('.') + 1)));
  }

  @Override
  public void close() {
    Shell.quietly("ip", "link", "del", bridge);
  }
}
