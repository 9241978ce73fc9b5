package dev.microservice.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the runtime logs while it runs in this JVM: standard error (where slf4j-simple writes) and
 * every java.util.logging record that passes its logger's level (gRPC and netty log there).
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /** Starts capturing. */
  public LogCapture() {
    OutputStream tee = new OutputStream() {
      @Override
      public synchronized void write(int b) {
        captured.write(b);
        original.write(b);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        captured.write(b, off, len);
        original.write(b, off, len);
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    Logger.getLogger("").addHandler(handler);
  }

  /** @return standard error so far */
  public synchronized String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** @return java.util.logging records so far */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    System.setErr(original);
    Logger.getLogger("").removeHandler(handler);
  }
}
