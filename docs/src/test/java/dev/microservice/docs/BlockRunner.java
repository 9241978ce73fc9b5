package dev.microservice.docs;

import static org.awaitility.Awaitility.await;

import dev.microservice.docs.CommandBlock.Mode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs the command blocks of one Markdown file, in order, with bash from the repository root: the repository root is
 * on {@code PATH}, {@code DOCS_TMP} is a fresh directory, HOME is kept. Background blocks are killed, with their
 * process trees, at the end.
 */
final class BlockRunner implements AutoCloseable {
  static final Duration FOREGROUND_TIMEOUT = Duration.ofMinutes(5);
  static final Duration BACKGROUND_READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

  private final Path root;
  private final Path tmp;
  private final Path logs;
  private final Set<String> testClasses;
  private final List<Process> background = new ArrayList<>();

  /**
   * @param root the repository root, the blocks' working directory
   * @param logs where each block's output goes
   * @param testClasses the repository's test class names, for {@code run by:}
   */
  BlockRunner(Path root, Path logs, Set<String> testClasses) throws IOException {
    this.root = root;
    this.logs = Files.createDirectories(logs);
    this.tmp = Files.createTempDirectory("docs-tmp-");
    this.testClasses = testClasses;
  }

  /**
   * Runs (or checks) one block.
   *
   * @return null when it passed, else why not
   */
  String run(CommandBlock block) throws IOException, InterruptedException {
    return switch (block.mode()) {
      case NOT_RUN -> null;
      case RUN_BY -> testClasses.contains(block.argument()) ? null
          : "<!-- run by: " + block.argument() + " --> but no " + block.argument() + ".java is under any src/test/java";
      case RUN -> foreground(block);
      case BACKGROUND -> background(block);
    };
  }

  private String foreground(CommandBlock block) throws IOException, InterruptedException {
    Path log = log(block);
    Process p = start(block, log);
    if (!p.waitFor(FOREGROUND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      stop(List.of(p));
      return "did not finish within " + FOREGROUND_TIMEOUT.toMinutes() + " min" + tail(log);
    }
    String out = read(log);
    if (p.exitValue() != 0) {
      return "exited with " + p.exitValue() + tail(log);
    }
    if (!block.expect().isEmpty() && !out.contains(block.expect())) {
      return "its output does not contain '" + block.expect() + "'" + tail(log);
    }
    return null;
  }

  private String background(CommandBlock block) throws IOException {
    Path log = log(block);
    Process p = start(block, log);
    background.add(p);
    try {
      await().atMost(BACKGROUND_READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
          .until(() -> read(log).contains(block.argument()) || !p.isAlive());
    } catch (ConditionTimeoutException e) {
      return "its output did not contain '" + block.argument() + "' within " + BACKGROUND_READY_TIMEOUT.toMinutes()
          + " min" + tail(log);
    }
    if (!read(log).contains(block.argument())) {
      return "exited with " + p.exitValue() + " before its output contained '" + block.argument() + "'" + tail(log);
    }
    return null;
  }

  private Process start(CommandBlock block, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", block.script())
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("PATH", root + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("DOCS_TMP", tmp.toString());
    return pb.start();
  }

  private Path log(CommandBlock block) {
    return logs.resolve("line-" + block.line() + ".log");
  }

  /** Stops the background blocks: SIGTERM to each process tree, then SIGKILL to what is left. */
  @Override
  public void close() {
    stop(background);
    background.clear();
    try (var files = Files.walk(tmp)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static void stop(List<Process> processes) {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : processes) {
      all.addAll(p.toHandle().descendants().toList());
      all.add(p.toHandle());
    }
    all.forEach(ProcessHandle::destroy);
    try {
      await().atMost(STOP_TIMEOUT).pollInterval(Duration.ofMillis(200))
          .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
    } catch (ConditionTimeoutException e) {
      all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log) {
    List<String> lines = read(log).lines().toList();
    return "; its output (" + log + "), last lines:\n    "
        + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
  }

  /** @return whether the mode is one this runner executes */
  static boolean executes(Mode mode) {
    return mode == Mode.RUN || mode == Mode.BACKGROUND;
  }
}
