package dev.microservice.runtime.kafka;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.kafka.clients.consumer.AcknowledgeType;

/** Share-group metrics: acknowledgements by type, delivery counts and records in flight. */
final class ShareMetrics {
  private static final Map<PrometheusRegistry, ShareMetrics> BY_REGISTRY = new WeakHashMap<>();

  private final Counter acknowledgements;
  private final Histogram deliveries;
  private final Gauge inFlight;

  private ShareMetrics(PrometheusRegistry registry) {
    acknowledgements = Counter.builder().name("microservice_kafka_share_acknowledgements_total")
        .help("Share-group acknowledgements by type: accept (handled), release (to be delivered again), reject (failed for good).")
        .labelNames("server", "topic", "type").register(registry);
    deliveries = Histogram.builder().name("microservice_kafka_share_delivery_count")
        .help("The broker's delivery count of each record handled (1 = first delivery; more = redelivered).")
        .classicOnly().classicUpperBounds(1, 2, 3, 5, 10).labelNames("server", "topic").register(registry);
    inFlight = Gauge.builder().name("microservice_kafka_share_in_flight_records")
        .help("Share-group records being handled now.").labelNames("server").register(registry);
  }

  /** One instance per registry, shared by the share-mode Kafka servers of a runtime. */
  static synchronized ShareMetrics of(PrometheusRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(registry, ShareMetrics::new);
  }

  void started(String server, String topic, int deliveryCount) {
    inFlight.labelValues(server).inc();
    deliveries.labelValues(server, topic).observe(deliveryCount);
  }

  void acknowledged(String server, String topic, AcknowledgeType type) {
    inFlight.labelValues(server).dec();
    acknowledgements.labelValues(server, topic, type.name().toLowerCase(Locale.ROOT)).inc();
  }
}
