package dev.microservice.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command (ip, mount, ...) and fails loudly when it fails. */
final class Shell {
  private Shell() {}

  static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + e + HostTools.hint(command[0]), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void quietly(String... command) {
    try {
      run(command);
    } catch (IllegalStateException e) {
      // best effort clean-up
    }
  }

  /** Quotes a word for sh. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  static String quoteAll(List<String> words) {
    return String.join(" ", words.stream().map(Shell::quote).toList());
  }
}
