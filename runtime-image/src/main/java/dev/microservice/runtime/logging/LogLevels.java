package dev.microservice.runtime.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.event.Level;

/**
 * Log levels by logger name, configured as for slf4j-simple so that both formats log the same events: the keys
 * {@code org.slf4j.simpleLogger.defaultLogLevel} and {@code org.slf4j.simpleLogger.log.<name prefix>}, from system
 * properties first, then simplelogger.properties on the class path. A name takes the level of its longest configured
 * dotted prefix.
 */
final class LogLevels {
  static final String PREFIX = "org.slf4j.simpleLogger.";
  /** Above every level: nothing is logged. */
  static final int OFF = Integer.MAX_VALUE;
  private final Properties file;

  LogLevels(Properties file) {
    this.file = file;
  }

  static LogLevels fromConfiguration() {
    Properties p = new Properties();
    try (InputStream in = LogLevels.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read simplelogger.properties", e);
    }
    return new LogLevels(p);
  }

  /** @return the value of an {@code org.slf4j.simpleLogger.} key: the system property, else the file's, else null */
  String setting(String key) {
    String v = System.getProperty(PREFIX + key);
    return v != null ? v : file.getProperty(PREFIX + key);
  }

  /** @return the least level (as {@link Level#toInt()}) a logger of this name writes, or {@link #OFF} */
  int levelOf(String name) {
    String n = name;
    while (true) {
      String v = setting("log." + n);
      if (v != null) {
        return parse(v);
      }
      int dot = n.lastIndexOf('.');
      if (dot < 0) {
        break;
      }
      n = n.substring(0, dot);
    }
    String d = setting("defaultLogLevel");
    return d == null ? Level.INFO.toInt() : parse(d);
  }

  private static int parse(String level) {
    return switch (level.strip().toLowerCase(Locale.ROOT)) {
      case "trace" -> Level.TRACE.toInt();
      case "debug" -> Level.DEBUG.toInt();
      case "warn" -> Level.WARN.toInt();
      case "error" -> Level.ERROR.toInt();
      case "off" -> OFF;
      default -> Level.INFO.toInt();
    };
  }
}
