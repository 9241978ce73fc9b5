package dev.microservice.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The runtime's executable jar started as a separate JVM, its output kept under target/it-logs. */
final class RuntimeProcess implements AutoCloseable {
  private static final Path JAR = Path.of(System.getProperty("runtime.jar", "target/microservice-runtime.jar"));
  final Process process;
  final Path log;

  private RuntimeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static RuntimeProcess start(String name, String... args) {
    return start(name, java.util.Map.of(), args);
  }

  static RuntimeProcess start(String name, java.util.Map<String, String> env, String... args) {
    try {
      Path log = Path.of("target/it-logs/" + name + ".log");
      Files.createDirectories(log.getParent());
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process p = builder.start();
      return new RuntimeProcess(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end and returns its exit code. */
  int exitCode(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("runtime did not exit within " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Sends SIGKILL. */
  void sigkill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Sends SIGTERM. */
  void sigterm() {
    process.destroy();
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
