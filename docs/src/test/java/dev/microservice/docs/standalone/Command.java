package dev.microservice.docs.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one command to its end (or a timeout), its output in a log file. */
final class Command {
  /** How a command ended: its exit code, its output and how long it took. */
  record Result(int exitCode, String output, Duration took) {
    /** @return the last lines of the output, for assertion messages */
    String tail() {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }

  private Command() {}

  /**
   * Runs {@code command} in {@code dir}, standard output and error to {@code log}.
   *
   * @throws AssertionError when it runs longer than {@code timeout} (it is killed)
   */
  static Result run(List<String> command, Path dir, Path log, Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    // The Maven that runs this test exports where its project is; a nested Maven must find its own.
    List.of("MAVEN_PROJECTBASEDIR", "MAVEN_BASEDIR", "MAVEN_ARGS", "MAVEN_CONFIG").forEach(env::remove);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      throw new AssertionError(command + " ran longer than " + timeout + "; output in " + log);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), took);
  }
}
