package dev.microservice.localcluster.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short host command (ip, ctr, umoci, gcc...) and returns its output, failing with it on a non-zero exit. */
final class HostCommand {
  private static final long TIMEOUT_SECONDS = 180;

  private HostCommand() {}

  /** Runs the command and returns its standard output and error, or throws with them if it fails. */
  static String run(String... command) {
    return run(Arrays.asList(command), Map.of());
  }

  /** Runs the command with extra environment variables, returning its output or throwing with it if it fails. */
  static String run(List<String> command, Map<String, String> environment) {
    Result result = exec(command, environment);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + ": "
          + result.output().strip());
    }
    return result.output();
  }

  /** Runs the command and returns its exit code and output, whatever the code. */
  static Result exec(List<String> command, Map<String, String> environment) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // no input anyway
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read the output of " + String.join(" ", command), e);
    }
  }

  /** Runs the command, logging nothing and ignoring a failure: for best-effort cleanup. */
  static Result quietly(String... command) {
    try {
      return exec(Arrays.asList(command), Map.of());
    } catch (RuntimeException e) {
      return new Result(-1, e.toString());
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  /**
   * A finished command.
   *
   * @param exitCode its exit code
   * @param output its standard output and error, interleaved
   */
  record Result(int exitCode, String output) {}
}
