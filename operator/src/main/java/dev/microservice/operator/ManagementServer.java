package dev.microservice.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The operator's /healthz, /readyz and /metrics. */
public final class ManagementServer implements AutoCloseable {
  private final HttpServer http;

  /**
   * @param port the port; 0 picks a free one
   * @param runtime the operator's runtime info
   * @param registry the Prometheus registry
   * @throws IOException when the port cannot be bound
   */
  public ManagementServer(int port, RuntimeInfo runtime, PrometheusMeterRegistry registry) throws IOException {
    http = HttpServer.create(new InetSocketAddress(port), 16);
    http.createContext("/healthz", ex -> {
      boolean healthy = !runtime.isStarted() || runtime.allEventSourcesAreHealthy();
      respond(ex, healthy ? 200 : 503, healthy ? "ok" : "unhealthy event sources: " + runtime.unhealthyEventSources().keySet());
    });
    http.createContext("/readyz", ex -> respond(ex, runtime.isStarted() ? 200 : 503, runtime.isStarted() ? "ready" : "starting"));
    http.createContext("/metrics", ex -> respond(ex, 200, registry.scrape()));
    http.start();
  }

  /** @return the bound port */
  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    try (ex) {
      byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
