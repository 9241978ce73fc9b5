package dev.microservice.runtime.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** The management HTTP port: {@code /healthz}, {@code /readyz} and {@code /metrics}. */
public final class ManagementServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;

  /**
   * Starts listening.
   *
   * @param port the port; 0 picks a free one
   * @param readiness returns null when ready, else why not
   * @param liveness returns null while healthy, else why the process should be restarted
   * @param metrics what /metrics serves
   * @throws IOException when the port cannot be bound
   */
  public ManagementServer(int port, Supplier<String> readiness, Supplier<String> liveness, RuntimeMetrics metrics)
      throws IOException {
    http = HttpServer.create(new InetSocketAddress(port), 16);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "management-http");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/healthz", ex -> {
      String failure = liveness.get();
      respond(ex, failure == null ? 200 : 503, "text/plain", failure == null ? "ok\n" : failure + "\n");
    });
    http.createContext("/readyz", ex -> {
      String notReady = readiness.get();
      respond(ex, notReady == null ? 200 : 503, "text/plain", notReady == null ? "ready\n" : notReady + "\n");
    });
    http.createContext("/metrics", ex -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      metrics.scrape(body);
      respond(ex, 200, metrics.contentType(), body.toByteArray());
    });
    http.createContext("/", ex -> respond(ex, 404, "text/plain", "not found; try /healthz, /readyz, /metrics\n"));
    http.start();
  }

  /** @return the bound port */
  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    respond(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void respond(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    try (ex) {
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.getResponseHeaders().set("Content-Type", type);
      ex.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
