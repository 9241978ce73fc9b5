package dev.microservice.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The daemon's progress, one line per event, in a file that {@code msvc cluster up} follows. */
public final class Progress {
  static final String READY = "READY";
  static final String FAILED = "FAILED";
  private final Path file;

  /** @param file the progress file, appended to */
  public Progress(Path file) {
    this.file = file;
  }

  /** A step that runs, with its time. */
  public interface Step {
    void run() throws Exception;
  }

  void step(String name, Step step) throws Exception {
    line("step " + name + " ...");
    long started = System.nanoTime();
    step.run();
    line("step " + name + " done in " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  void line(String text) {
    try {
      Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
