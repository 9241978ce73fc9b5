package dev.microservice.runtime.kafka;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.kafka.common.TopicPartition;

/** Kafka-specific metrics: record outcomes, lag, assignment and rebalances. */
final class KafkaMetrics {
  /** What became of one attempt at a record. */
  enum Outcome {
    HANDLED, FAILED, RETRIED, DEAD_LETTERED, SKIPPED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Counter records;
  private final Gauge lag;
  private final Gauge assigned;
  private final Counter rebalances;

  private KafkaMetrics(PrometheusRegistry registry) {
    records = Counter.builder().name("microservice_kafka_records_total")
        .help("Kafka records by outcome: handled, failed (an attempt failed), retried, dead_lettered, skipped (failed, dead-lettering off).")
        .labelNames("server", "topic", "service", "outcome").register(registry);
    lag = Gauge.builder().name("microservice_kafka_consumer_lag")
        .help("Records not yet consumed, per assigned partition.")
        .labelNames("server", "topic", "partition").register(registry);
    assigned = Gauge.builder().name("microservice_kafka_assigned_partitions")
        .help("Partitions assigned to this runtime.").labelNames("server").register(registry);
    rebalances = Counter.builder().name("microservice_kafka_rebalances_total")
        .help("Partition assignments received (the first join included).").labelNames("server").register(registry);
  }

  private static final java.util.Map<PrometheusRegistry, KafkaMetrics> BY_REGISTRY = new java.util.WeakHashMap<>();

  /** One instance per registry, shared by the Kafka servers of a runtime. */
  static synchronized KafkaMetrics of(PrometheusRegistry registry) {
    return BY_REGISTRY.computeIfAbsent(registry, KafkaMetrics::new);
  }

  void record(String server, String topic, String service, Outcome outcome) {
    records.labelValues(server, topic, service, outcome.label()).inc();
  }

  void lag(String server, TopicPartition tp, long value) {
    lag.labelValues(server, tp.topic(), String.valueOf(tp.partition())).set(value);
  }

  void forget(String server, TopicPartition tp) {
    lag.remove(server, tp.topic(), String.valueOf(tp.partition()));
  }

  void assigned(String server, int partitions) {
    assigned.labelValues(server).set(partitions);
  }

  void rebalanced(String server) {
    rebalances.labelValues(server).inc();
  }
}
