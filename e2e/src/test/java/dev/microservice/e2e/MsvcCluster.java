package dev.microservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster of the end-to-end suite, started and stopped exactly as users do: {@code ./msvc cluster up} and
 * {@code ./msvc cluster down}, with its state in {@code e2e/target/msvc cluster} (a path with a space).
 */
final class MsvcCluster implements AutoCloseable {
  private final Path root;
  private final Path home;
  private final KubernetesClient client;

  private MsvcCluster(Path root, Path home) throws IOException {
    this.root = root;
    this.home = home;
    this.client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(home.resolve("kubeconfig"), StandardCharsets.UTF_8))).build();
  }

  /** Runs {@code ./msvc cluster up} and returns the cluster once it printed that it is up. */
  static MsvcCluster up(Path root, String... options) throws Exception {
    Path home = root.resolve("e2e/target/msvc cluster");
    List<String> args = new ArrayList<>(List.of("cluster", "up"));
    args.addAll(List.of(options));
    String out = msvc(root, home, args.toArray(String[]::new));
    assertThat(out).as("msvc cluster up said:%n%s", out).contains("The cluster is up.");
    System.out.println(out);
    return new MsvcCluster(root, home);
  }

  /** @return an admin client, from the kubeconfig msvc wrote */
  KubernetesClient client() {
    return client;
  }

  /** Runs the kubectl that msvc linked, with msvc's kubeconfig. */
  String kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/kubectl").toString()));
    command.addAll(List.of(args));
    return run(root, home, command);
  }

  /** Runs {@code ./msvc cluster down}; the caller checks that nothing is left. */
  @Override
  public void close() throws Exception {
    client.close();
    String out = msvc(root, home, "cluster", "down");
    System.out.println(out);
    assertThat(out).contains("Removed");
  }

  Path home() {
    return home;
  }

  private static String msvc(Path root, Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(root.resolve("msvc").toString()));
    command.addAll(List.of(args));
    return run(root, home, command);
  }

  private static String run(Path root, Path home, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().put("MSVC_CLUSTER_HOME", home.toString());
    builder.environment().put("KUBECONFIG", home.resolve("kubeconfig").toString());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("%s did not end", command).isTrue();
    assertThat(p.exitValue()).as("%s failed:%n%s", command, out).isZero();
    return out;
  }
}
