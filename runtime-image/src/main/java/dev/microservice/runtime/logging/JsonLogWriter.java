package dev.microservice.runtime.logging;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Writes whole lines, one at a time, to the stream slf4j-simple's {@code logFile} setting names (System.err unless it
 * says System.out), so that both formats log to the same stream and lines of two threads never interleave.
 */
final class JsonLogWriter {
  private final Supplier<PrintStream> stream;

  JsonLogWriter(Supplier<PrintStream> stream) {
    this.stream = stream;
  }

  static JsonLogWriter configured(LogLevels settings) {
    String file = settings.setting("logFile");
    boolean out = "System.out".equals(file);
    return new JsonLogWriter(() -> out ? System.out : System.err);
  }

  void write(String line) {
    PrintStream s = stream.get();
    synchronized (this) {
      s.println(line);
      s.flush();
    }
  }
}
