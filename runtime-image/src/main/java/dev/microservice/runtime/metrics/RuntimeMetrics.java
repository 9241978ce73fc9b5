package dev.microservice.runtime.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The runtime's Prometheus metrics. Label values come from the manifest only (unknown names
 * become {@link #UNKNOWN}), so a client cannot grow the number of series.
 */
public final class RuntimeMetrics {
  /** Label value for a namespace or service the manifest does not declare. */
  public static final String UNKNOWN = "_unknown";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter requests =
      Counter.builder()
          .name("microservice_requests_total")
          .help("Requests handled, by transport, server, namespace, service and status code.")
          .labelNames("transport", "server", "namespace", "service", "code")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("microservice_request_duration_seconds")
          .help("Time from receiving a request to its outcome, in seconds.")
          .labelNames("transport", "server", "namespace", "service")
          .classicOnly()
          .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
          .register(registry);

  private final Gauge inFlight =
      Gauge.builder()
          .name("microservice_requests_in_flight")
          .help("Requests being handled right now, by transport and server.")
          .labelNames("transport", "server")
          .register(registry);

  /** Creates the request metrics; {@link #registerJvmMetrics()} adds the JVM's. */
  public RuntimeMetrics() {}

  /** Adds JVM metrics (memory, GC, threads, ...); done after start-up, off the critical path. */
  public void registerJvmMetrics() {
    JvmMetrics.builder().register(registry);
  }

  /** @return the registry, for transports that add metrics of their own */
  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Counts a request as in flight until {@link #record} is called for it.
   *
   * @param transport "grpc" or "kafka"
   * @param server the server name
   */
  public void started(String transport, String server) {
    inFlight.labelValues(transport, server).inc();
  }

  /**
   * Records one request's outcome (and ends its in-flight count).
   *
   * @param transport "grpc" or "kafka"
   * @param server the server name
   * @param namespace the namespace, or {@link #UNKNOWN}
   * @param service the service, or {@link #UNKNOWN}
   * @param code the status code name, e.g. OK, NOT_FOUND
   * @param nanos how long it took
   */
  public void record(String transport, String server, String namespace, String service, String code, long nanos) {
    inFlight.labelValues(transport, server).dec();
    requests.labelValues(transport, server, namespace, service, code).inc();
    latency.labelValues(transport, server, namespace, service).observe(nanos / 1e9);
  }

  /**
   * Records a request refused before it was handled (too large, cancelled before it ran): it was
   * never counted in flight, and its namespace and service are unknown.
   *
   * @param transport "grpc" or "kafka"
   * @param server the server name
   * @param code the status code name, e.g. RESOURCE_EXHAUSTED
   * @param nanos how long it took
   */
  public void rejected(String transport, String server, String code, long nanos) {
    requests.labelValues(transport, server, UNKNOWN, UNKNOWN, code).inc();
    latency.labelValues(transport, server, UNKNOWN, UNKNOWN).observe(nanos / 1e9);
  }

  /**
   * Writes every metric in the Prometheus text format.
   *
   * @param out where to write
   * @throws IOException when writing fails
   */
  public void scrape(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** @return the content type of {@link #scrape} */
  public String contentType() {
    return writer.getContentType();
  }
}
