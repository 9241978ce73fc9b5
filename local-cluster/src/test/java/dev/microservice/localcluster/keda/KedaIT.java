package dev.microservice.localcluster.keda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.localcluster.AuditLog;
import dev.microservice.localcluster.HostAddress;
import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real KEDA on the real control plane: a ScaledObject with a kafka trigger on a real broker makes KEDA's operator create
 * an HPA, the adapter serves its external metric (the consumer group's lag) through the aggregation layer, and
 * kube-controller-manager's HPA controller scales the Deployment through its scale subresource; KEDA itself scales
 * between 0 and 1. No node: the Deployment's pods stay Pending, which scaling does not need.
 */
@ExtendWith(LocalClusterExtension.class)
class KedaIT {
  private static final Logger LOG = LoggerFactory.getLogger(KedaIT.class);
  private static final String NS = "keda-it";
  private static final String TOPIC = "orders";
  private static final String GROUP = "orders-consumer";
  private static final int PARTITIONS = 6;
  private static final String HPA_CONTROLLER = "system:serviceaccount:kube-system:horizontal-pod-autoscaler";
  private static LocalCluster cluster;
  private static EmbeddedKafka kafka;
  private static Keda keda;

  @BeforeAll
  static void start(LocalCluster localCluster) {
    cluster = localCluster;
    // The operator runs on the host: it reaches a broker on any host address; the primary one, as pods on a node would.
    kafka = EmbeddedKafka.builder().host(HostAddress.primary()).start();
    keda = Keda.install(cluster);
    cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    if (keda != null) {
      keda.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theHpaControllerScalesOnKafkaLagAndKedaScalesToZeroAndBack() throws Exception {
    KubernetesClient admin = cluster.admin();
    int mark = cluster.auditLog().mark();
    kafka.createTopic(TOPIC, PARTITIONS);
    commitOffsets(Map.of()); // the group's offsets at 0 on every partition
    produce(60 * PARTITIONS); // lag 360: 36 replicas at 10 a replica, but KEDA counts at most one a partition
    admin.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("consumer")
        .endMetadata().withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(Map.of("app", "consumer"))
        .endSelector().withNewTemplate().withNewMetadata().withLabels(Map.of("app", "consumer")).endMetadata()
        .withNewSpec().addNewContainer().withName("consumer").withImage("example.invalid/consumer:1").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();
    admin.load(new ByteArrayInputStream(scaledObject(1).getBytes(StandardCharsets.UTF_8))).inNamespace(NS).create();

    awaitReplicas("the HPA controller scales up on the lag", Duration.ofSeconds(90), r -> r > 1);
    awaitReplicas("the HPA controller reaches one replica a partition", Duration.ofSeconds(60), r -> r == PARTITIONS);
    // KEDA's HPA reads an external metric, which the adapter serves through the aggregation layer.
    HorizontalPodAutoscaler hpa = admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
        .withName("keda-hpa-consumer").get();
    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> assertThat(m.getType()).isEqualTo("External"));
    String metric = hpa.getSpec().getMetrics().get(0).getExternal().getMetric().getName();
    assertThat(admin.raw("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + NS + "/" + metric
        + "?labelSelector=scaledobject.keda.sh%2Fname%3Dconsumer")).contains("\"metricName\":\"" + metric + "\"");

    commitOffsets(endOffsets()); // lag 0
    awaitReplicas("the HPA controller scales down to minReplicaCount 1", Duration.ofSeconds(90), r -> r == 1);

    scaledObject(admin).edit(so -> {
      spec(so).put("minReplicaCount", 0);
      return so;
    });
    awaitReplicas("KEDA scales to 0 without lag (minReplicaCount 0, cooldownPeriod 5 s)", Duration.ofSeconds(60), r -> r == 0);

    produce(PARTITIONS);
    awaitReplicas("KEDA scales from 0 when lag appears", Duration.ofSeconds(60), r -> r >= 1);

    // Who did what, in the audit log: the HPA controller (its own ServiceAccount, --use-service-account-credentials)
    // read the external metric through the aggregation layer and wrote the scale subresource; KEDA's operator (its
    // certificate's user) wrote it for 0 and back.
    List<AuditLog.Event> events = cluster.auditLog().since(mark);
    assertThat(events).anySatisfy(e -> {
      assertThat(e.user()).isEqualTo(HPA_CONTROLLER);
      assertThat(e.line()).contains("\"apiGroup\":\"external.metrics.k8s.io\"");
      assertThat(e.code()).isEqualTo(200);
    });
    assertThat(events).filteredOn(e -> e.isWrite() && "deployments/scale".equals(e.resource()) && e.code() == 200)
        .extracting(AuditLog.Event::user).contains(HPA_CONTROLLER, "system:serviceaccount:keda:keda-operator");
  }

  private static String scaledObject(int minReplicas) {
    return """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: consumer}
        spec:
          scaleTargetRef: {name: consumer}
          pollingInterval: 1
          cooldownPeriod: 5
          minReplicaCount: %d
          maxReplicaCount: 10
          triggers:
          - type: kafka
            metadata:
              bootstrapServers: "%s"
              consumerGroup: %s
              topic: %s
              lagThreshold: "10"
              offsetResetPolicy: earliest
              version: "2.1.0" # what the operator sets (KedaScaledObject): sarama defaults to 1.0, which Kafka 4 refuses
        """.formatted(minReplicas, kafka.bootstrapServers(), GROUP, TOPIC);
  }

  private static Resource<GenericKubernetesResource> scaledObject(KubernetesClient admin) {
    return admin.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(NS).withName("consumer");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  private static void awaitReplicas(String what, Duration atMost, IntPredicate expected) {
    long started = System.nanoTime();
    try {
      await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(KedaIT::replicas, expected::test);
      LOG.info("{}: {} replicas after {} ms", what, replicas(), (System.nanoTime() - started) / 1_000_000);
    } catch (ConditionTimeoutException e) {
      HorizontalPodAutoscaler hpa = cluster.admin().autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
          .withName("keda-hpa-consumer").get();
      LOG.error("{} did not happen: {} replicas; HPA status {}; ScaledObject status {}; KEDA logs:\n{}", what, replicas(),
          hpa == null ? "(no HPA)" : hpa.getStatus(), scaledObject(cluster.admin()).get().getAdditionalProperties()
              .get("status"), keda.logTails(60));
      throw e;
    }
  }

  private static int replicas() {
    Integer replicas = cluster.admin().apps().deployments().inNamespace(NS).withName("consumer").get().getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private static void produce(int records) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "k" + i, "order " + i));
      }
      producer.flush();
    }
  }

  /** Commits the group's offsets: the given ones, 0 for the partitions not given. The group has no members. */
  private static void commitOffsets(Map<TopicPartition, Long> offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      TopicPartition partition = new TopicPartition(TOPIC, p);
      commit.put(partition, new OffsetAndMetadata(offsets.getOrDefault(partition, 0L)));
    }
    try (Admin admin = kafka.admin()) {
      admin.alterConsumerGroupOffsets(GROUP, commit).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static Map<TopicPartition, Long> endOffsets() throws Exception {
    List<TopicPartition> partitions = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
    try (Admin admin = kafka.admin()) {
      return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get(30, TimeUnit.SECONDS).entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
  }
}
