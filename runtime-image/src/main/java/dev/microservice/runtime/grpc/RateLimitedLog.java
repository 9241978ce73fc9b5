package dev.microservice.runtime.grpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reports a recurring event once per key, then at most once a minute with how many there were
 * since: a client repeating a bad request cannot flood the log. Never with a stack trace.
 */
final class RateLimitedLog {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_KEYS = 64;

  private final Consumer<String> sink;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /** @param sink where a report goes, e.g. a logger's warn */
  RateLimitedLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /**
   * @param key what kind of event (a small, fixed set: status codes, exception classes)
   * @param what the event, in one line
   */
  void note(String key, String what) {
    Window window = windows.get(key);
    if (window == null) {
      window = windows.computeIfAbsent(windows.size() < MAX_KEYS ? key : "(other)", k -> new Window());
    }
    long now = System.nanoTime();
    long count;
    synchronized (window) {
      window.count++;
      if (window.logged && now - window.lastReport < INTERVAL_NANOS) {
        return;
      }
      count = window.count;
      window.count = 0;
      window.lastReport = now;
      window.logged = true;
    }
    sink.accept(count == 1 && !window.again ? what + " (more of these are reported at most once a minute)"
        : what + " (" + count + " since the last report)");
    window.again = true;
  }

  /** Counts of one key since its last report. */
  private static final class Window {
    long count;
    long lastReport;
    boolean logged;
    volatile boolean again;
  }
}
