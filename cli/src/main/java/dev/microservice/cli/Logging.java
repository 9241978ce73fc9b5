package dev.microservice.cli;

import java.util.Arrays;

/** Sets the log format (msvc run --log-format) and levels before anything logs: the runtime at info, the embedded broker and Kafka clients at warn. */
final class Logging {
  private Logging() {}

  static void configure(String[] args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    boolean run = args.length > 0 && args[0].equals("run");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : run ? "info" : "warn");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    String kafka = verbose ? "info" : run ? "warn" : "off";
    setDefault("org.slf4j.simpleLogger.log.kafka", kafka);
    setDefault("org.slf4j.simpleLogger.log.org.apache.kafka", kafka);
    setDefault("org.slf4j.simpleLogger.log.state.change.logger", kafka);
    setDefault("org.slf4j.simpleLogger.log.io.grpc", verbose ? "debug" : "warn");
    // json for msvc run --log-format json, else text (whose provider keeps MDC entries for the endpoints); another
    // value: picocli refuses it, naming the flag
    dev.microservice.runtime.logging.LogFormatSelection.select(run && "json".equals(logFormat(args)) ? "json" : "text",
        "--log-format");
  }

  /** @return the value of msvc run's --log-format, or null: read before picocli parses, as logging starts first */
  static String logFormat(String[] args) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--log-format") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--log-format=")) {
        return args[i].substring("--log-format=".length());
      }
    }
    return null;
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
