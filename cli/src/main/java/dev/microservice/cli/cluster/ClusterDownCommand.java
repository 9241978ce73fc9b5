package dev.microservice.cli.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code msvc cluster down}: stops the cluster's process, which stops every component, and removes its state. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local cluster and remove its state.")
final class ClusterDownCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ClusterHome home = ClusterHome.fromEnv();
    Optional<ProcessHandle> daemon = home.daemon();
    if (daemon.isPresent()) {
      out.println("Stopping the cluster (process " + daemon.get().pid() + ") ...");
      Files.writeString(home.stopRequest(), "stop");
      try {
        daemon.get().onExit().get(3, TimeUnit.MINUTES);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        out.println("It did not stop within 3 minutes; sending SIGTERM. Its log: " + home.log());
        daemon.get().destroy();
        try {
          daemon.get().onExit().get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException again) {
          out.println("It still runs: not removing " + home.dir() + "; read " + home.log());
          return 1;
        }
      }
    } else {
      out.println("No cluster is up.");
    }
    remove(home.dir());
    out.println("Removed " + home.dir());
    return 0;
  }

  /** Deletes a directory tree; missing is fine. */
  static void remove(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
