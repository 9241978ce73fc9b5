package dev.microservice.operator.desired;

import dev.microservice.model.AutoscalingSpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KEDA ScaledObject scaling the runtime Deployment on Kafka lag: one {@code kafka} trigger per topic of each Kafka
 * server with consumption 'group' (the scaler's {@code topic} takes one topic; the HPA KEDA makes follows the
 * largest of them), for the runtime's own consumer group, from the earliest offset as the runtime reads; plus a
 * {@code cpu} trigger when cpuUtilization is set.
 */
public final class KedaScaledObject {
  /** The Kafka protocol version KEDA\'s kafka scaler is told to speak. */
  public static final String KAFKA_PROTOCOL_VERSION = "2.1.0";
  private KedaScaledObject() {}

  /** @return the desired ScaledObject (spec.autoscaling is set and {@link AutoscalingSpec#needsKeda()}) */
  public static GenericKubernetesResource of(MicroService ms, KedaAuth auth) {
    AutoscalingSpec scaling = ms.getSpec().getAutoscaling();
    List<Map<String, Object>> triggers = new ArrayList<>();
    for (KedaAuth.LagServer lag : KedaAuth.lagServers(ms)) {
      for (NamespaceSpec topic : lag.server().getNamespaces()) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("bootstrapServers", lag.server().getKafka().getBootstrapServers());
        metadata.put("consumerGroup", ConsumerGroups.of(ms, lag.server()));
        metadata.put("topic", topic.getName());
        metadata.put("lagThreshold", String.valueOf(scaling.getKafkaLag()));
        metadata.put("offsetResetPolicy", "earliest");
        // KEDA's Kafka client (sarama) speaks Kafka 1.0's protocol unless told; Kafka 4 brokers dropped it (KIP-896).
        // 2.1 is the oldest broker our Kafka 4 clients talk to, so any broker the runtime reaches answers it.
        metadata.put("version", KAFKA_PROTOCOL_VERSION);
        metadata.putAll(auth.metadata(lag.server()));
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", "kafka");
        trigger.put("metadata", metadata);
        if (auth.needed()) {
          trigger.put("authenticationRef", Map.of("name", ms.getMetadata().getName()));
        }
        triggers.add(trigger);
      }
    }
    if (scaling.getCpuUtilization() != null) {
      Map<String, Object> cpu = new LinkedHashMap<>();
      cpu.put("type", "cpu");
      cpu.put("metricType", "Utilization");
      cpu.put("metadata", Map.of("value", String.valueOf(scaling.getCpuUtilization())));
      triggers.add(cpu);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("apiVersion", "apps/v1");
    target.put("kind", "Deployment");
    target.put("name", ms.getMetadata().getName());
    spec.put("scaleTargetRef", target);
    spec.put("minReplicaCount", scaling.effectiveMinReplicas());
    spec.put("maxReplicaCount", scaling.getMaxReplicas());
    spec.put("triggers", triggers);
    return Keda.object(Keda.SCALED_OBJECT, ms, spec);
  }
}
