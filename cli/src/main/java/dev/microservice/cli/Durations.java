package dev.microservice.cli;

import java.time.Duration;

/** Parses durations like 500ms, 10s, 2m and port numbers, with errors naming the option. */
final class Durations {
  private Durations() {}

  static Duration parse(String option, String value) {
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new CliException(option + " must be a duration like 500ms, 10s or 2m; got '" + value + "'");
  }

  static int port(String option, String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new CliException(option + ": '" + value + "' is not a port (1-65535)");
  }
}
