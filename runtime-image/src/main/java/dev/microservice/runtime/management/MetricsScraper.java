package dev.microservice.runtime.management;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renders {@code /metrics} on a thread of its own, off the event loop that answers the probes,
 * with a short queue: scrapes beyond it are refused (503), not queued without bound.
 */
final class MetricsScraper implements AutoCloseable {
  private static final int QUEUE = 4;

  /** Writes the metrics. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Body body;
  private final String contentType;
  private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(QUEUE), r -> {
        Thread t = new Thread(r, "management-metrics");
        t.setDaemon(true);
        return t;
      });

  MetricsScraper(Body body, String contentType) {
    this.body = body;
    this.contentType = contentType;
  }

  /** @param answer receives the body, or null when too many scrapes are waiting or the scrape failed */
  void scrape(Consumer<byte[]> answer) {
    try {
      executor.execute(() -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
          body.writeTo(out);
        } catch (IOException | RuntimeException e) {
          answer.accept(null);
          return;
        }
        answer.accept(out.toByteArray());
      });
    } catch (RejectedExecutionException e) {
      answer.accept(null);
    }
  }

  String contentType() {
    return contentType;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
