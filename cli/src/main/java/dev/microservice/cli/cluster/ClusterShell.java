package dev.microservice.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shell set-up of a running cluster: {@code bin/} with the kubectl and helm of the cluster's versions, and the
 * {@code env} file users source ({@code . ~/.msvc/cluster/env}) so that kubectl, helm and ctr reach this cluster, as
 * the commands of docs/install.md expect.
 */
final class ClusterShell {
  private ClusterShell() {}

  /**
   * Writes {@code bin/} and {@code env} in the cluster's home.
   *
   * @param home the cluster's home
   * @param tools the binaries to link into {@code bin/}, by name (kubectl, helm)
   * @param containerdSocket the node's containerd socket, for ctr
   * @return the variables the env file exports
   */
  static Map<String, String> write(ClusterHome home, Map<String, Path> tools, Path containerdSocket) throws IOException {
    Path bin = home.dir().resolve("bin");
    Files.createDirectories(bin);
    for (var tool : tools.entrySet()) {
      Files.deleteIfExists(bin.resolve(tool.getKey()));
      Files.createSymbolicLink(bin.resolve(tool.getKey()), tool.getValue());
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBECONFIG", home.kubeconfig().toString());
    env.put("CONTAINERD_ADDRESS", containerdSocket.toString());
    env.put("CONTAINERD_NAMESPACE", "k8s.io");
    StringBuilder file = new StringBuilder("# The local cluster of msvc cluster up. Use it from a shell with: . ")
        .append(quote(home.env().toString())).append('\n');
    env.forEach((name, value) -> file.append("export ").append(name).append('=').append(quote(value)).append('\n'));
    file.append("export PATH=").append(quote(bin.toString())).append(":\"$PATH\"\n");
    Files.writeString(home.env(), file, StandardCharsets.UTF_8);
    env.put("PATH", bin.toString());
    return env;
  }

  /** @return the value in single quotes, safe for sh whatever it contains (spaces included) */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
