package dev.microservice.cli.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msvc cluster up}: starts the cluster in a background process and follows its progress until it is ready. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the local cluster in the background (state in $MSVC_CLUSTER_HOME or ~/.msvc/cluster), "
        + "show each step with its time, and print how to use it. Needs root (containers, network namespaces).")
final class ClusterUpCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--timeout-minutes", defaultValue = "20",
      description = "Give up after this many minutes (default: ${DEFAULT-VALUE}; a first run builds Kubernetes).")
  long timeoutMinutes;

  @Option(names = "--without-operator",
      description = "Leave the operator out: install its chart yourself, as docs/install.md shows.")
  boolean withoutOperator;

  @Option(names = "--keda",
      description = "Also install KEDA (its operator and metrics adapter, built by local-cluster/build.sh when missing) "
          + "and register it as the external metrics API, so ScaledObjects scale through the cluster's HPA controller.")
  boolean keda;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ClusterHome home = ClusterHome.fromEnv();
    if (home.daemon().isPresent()) {
      out.println("A cluster is already up. Use it with: . " + ClusterShell.quote(home.env().toString()));
      return 0;
    }
    ClusterDownCommand.remove(home.dir());
    Files.createDirectories(home.dir());
    Process daemon = ClusterDaemon.launch(home, !withoutOperator, keda);
    return follow(home, daemon, out);
  }

  /** Prints the daemon's progress lines as they come, until READY, FAILED, its exit or the timeout. */
  private int follow(ClusterHome home, Process daemon, PrintWriter out) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
    int printed = 0;
    while (true) {
      List<String> lines = Files.exists(home.progress()) ? Files.readAllLines(home.progress(), StandardCharsets.UTF_8) : List.of();
      for (; printed < lines.size(); printed++) {
        String line = lines.get(printed);
        if (line.startsWith(Progress.READY)) {
          out.println(ready(home));
          return 0;
        }
        if (line.startsWith(Progress.FAILED)) {
          out.println("msvc cluster up failed: " + line.substring(Progress.FAILED.length()).strip());
          out.println("Read " + home.log() + "; its last lines:");
          out.println(tail(home.log(), 25));
          return 1;
        }
        out.println("  " + line);
      }
      if (!daemon.isAlive()) {
        out.println("msvc cluster up failed: the cluster process exited (" + daemon.exitValue() + "). Read " + home.log()
            + ":\n" + tail(home.log(), 25));
        return 1;
      }
      if (System.nanoTime() > deadline) {
        daemon.destroy();
        out.println("msvc cluster up timed out after " + timeoutMinutes + " min; read " + home.log());
        return 1;
      }
      daemon.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  private static String ready(ClusterHome home) {
    return """
        The cluster is up. Use it from this shell (kubectl and helm of the cluster's versions, ctr for its node):
          . %s
          kubectl get nodes
          kubectl apply -f examples/hello/microservice.yaml
        Stop it and remove its state with: ./msvc cluster down""".formatted(ClusterShell.quote(home.env().toString()));
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
