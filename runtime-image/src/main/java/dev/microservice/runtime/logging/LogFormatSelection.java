package dev.microservice.runtime.logging;

import dev.microservice.model.contract.RuntimeContract;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Chooses the SLF4J provider from the log format before anything logs, in the {@code slf4j.provider} system property,
 * which SLF4J reads once, when the first logger is made: text names {@link TextServiceProvider} (slf4j-simple's lines
 * with a working MDC), json {@link JsonServiceProvider}.
 */
public final class LogFormatSelection {
  /** The system property SLF4J 2 reads to pick its provider without a class path scan. */
  public static final String PROVIDER_PROPERTY = "slf4j.provider";
  /**
   * SLF4J's own reporting level. Its notes and warnings are plain text on the log stream (the "loading provider"
   * note; the replay of calls made while a second thread raced the first logger's creation); ERROR keeps every line
   * JSON and still shows what breaks logging.
   */
  static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

  private LogFormatSelection() {}

  /** Selects the format named by the {@link RuntimeContract#LOG_FORMAT_ENV} environment variable. */
  public static void fromEnvironment() {
    select(System.getenv(RuntimeContract.LOG_FORMAT_ENV), RuntimeContract.LOG_FORMAT_ENV);
  }

  /**
   * Selects a log format. Without effect once SLF4J made its first logger, and when {@code slf4j.provider} is set.
   *
   * @param format text, json, or null or empty for text
   * @param source what named it (a variable or a flag), for the warning about a value that is neither
   */
  public static void select(String format, String source) {
    String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
    if (f.equals("json")) {
      if (System.getProperty(PROVIDER_PROPERTY) == null) {
        System.setProperty(PROVIDER_PROPERTY, JsonServiceProvider.class.getName());
        if (System.getProperty(VERBOSITY_PROPERTY) == null) {
          System.setProperty(VERBOSITY_PROPERTY, "ERROR");
        }
      }
      return;
    }
    if (System.getProperty(PROVIDER_PROPERTY) == null) {
      System.setProperty(PROVIDER_PROPERTY, TextServiceProvider.class.getName());
      if (System.getProperty(VERBOSITY_PROPERTY) == null) {
        // Naming a provider makes SLF4J print an INFO note ("Attempting to load provider ...") on the log stream.
        System.setProperty(VERBOSITY_PROPERTY, "WARN");
      }
    }
    if (!f.isEmpty() && !f.equals("text")) {
      String shown = format.length() > 20 ? format.substring(0, 20) + "..." : format;
      LoggerFactory.getLogger(LogFormatSelection.class)
          .warn("{}: '{}' is not a log format (text or json); logging as text", source, shown);
    }
  }
}
