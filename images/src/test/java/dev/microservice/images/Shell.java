package dev.microservice.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host commands for the image tests. */
final class Shell {
  private Shell() {}

  /** Runs a command to its end; fails with its output unless it exits 0. */
  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + List.of(command));
    }
    if (p.exitValue() != 0) {
      throw new IOException(List.of(command) + " exited " + p.exitValue() + ":\n" + out);
    }
    return out;
  }

  /** Deletes a tree, hard links and read-only directories included. */
  static void deleteTree(Path dir) throws IOException, InterruptedException {
    run("rm", "-rf", "--one-file-system", dir.toString());
  }
}
