package dev.microservice.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The background process of {@code msvc cluster up}: it brings the {@link DevCluster} up step by step, reports each
 * step to the progress file, then holds it until {@code msvc cluster down} asks it to stop (or SIGTERM), when it stops
 * everything.
 */
public final class ClusterDaemon {
  private ClusterDaemon() {}

  /** Starts the daemon in its own session, so that it outlives the terminal of {@code msvc cluster up}. */
  static Process launch(ClusterHome home, boolean withOperator, boolean withKeda) throws IOException {
    List<String> command = new ArrayList<>(List.of("setsid",
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path")));
    String repository = System.getProperty("msvc.home");
    if (repository != null) {
      command.add("-Dmsvc.home=" + repository);
    }
    command.addAll(List.of(ClusterDaemon.class.getName(), home.dir().toString(), Boolean.toString(withOperator),
        Boolean.toString(withKeda)));
    try {
      return new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(home.log().toFile())).start();
    } catch (IOException e) {
      throw new IOException("cannot start the cluster process (setsid is in the Debian package util-linux): " + e.getMessage(), e);
    }
  }

  /**
   * @param args the cluster's home directory, whether to install the operator's chart ({@code true} if absent), and
   *     whether to install KEDA ({@code false} if absent)
   */
  public static void main(String[] args) throws Exception {
    ClusterHome home = new ClusterHome(java.nio.file.Path.of(args[0]));
    Files.writeString(home.pidFile(), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
    Progress progress = new Progress(home.progress());
    boolean withOperator = args.length < 2 || Boolean.parseBoolean(args[1]);
    boolean withKeda = args.length >= 3 && Boolean.parseBoolean(args[2]);
    DevCluster cluster = new DevCluster(home, progress);
    // SIGTERM or Ctrl-C of a foreground run: stop everything before the JVM ends.
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "msvc-cluster-down"));
    try {
      cluster.up(ProjectFiles.locate(), withOperator, withKeda);
      progress.line(Progress.READY);
    } catch (Exception | Error e) {
      e.printStackTrace();
      progress.line(Progress.FAILED + " " + cluster.currentStep() + ": " + e.getMessage());
      System.exit(1);
    }
    // msvc cluster down asks by creating the stop file: the cluster stops here, step by step, in the main thread.
    while (!Files.exists(home.stopRequest())) {
      Thread.sleep(250);
    }
    cluster.close();
    System.exit(0);
  }
}
