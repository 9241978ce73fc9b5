package dev.microservice.localcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One component's process (etcd, kube-apiserver, containerd, kubelet...), its output in a log file, stopped on close. */
public final class ComponentProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ComponentProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * @param name the component's name, for logs and errors
   * @param binary the executable
   * @param args its arguments
   * @param dir the working directory; the log goes to {@code <name>.log} there
   * @return the started process
   */
  static ComponentProcess start(String name, Path binary, List<String> args, Path dir) {
    return start(name, binary, args, dir, Map.of());
  }

  /**
   * @param name the component's name, for logs and errors
   * @param binary the executable
   * @param args its arguments
   * @param dir the working directory; the log goes to {@code <name>.log} there
   * @param environment variables added to the JVM's environment
   * @return the started process
   */
  public static ComponentProcess start(String name, Path binary, List<String> args, Path dir,
      Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    Path log = dir.resolve(name + ".log");
    try {
      Files.writeString(log, String.join(" ", command) + "\n", StandardCharsets.UTF_8);
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new ComponentProcess(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + binary + ")", e);
    }
  }

  /** @return the component's name */
  public String name() {
    return name;
  }

  /** @return its log file */
  public Path log() {
    return log;
  }

  /** @return its process id */
  public long pid() {
    return process.pid();
  }

  /** @return true while it runs */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * @param lines how many lines
   * @return the last lines of its log
   */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops it: SIGTERM, then SIGKILL after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
