package dev.microservice.e2e;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/** The autoscaled MicroService of the end-to-end scenario: the hello endpoint doing 40 ms of work per Kafka record. */
final class Worker {
  static final String NAME = "worker";
  static final int BURST = 2_000;
  static final String KEDA_API = "keda.sh/v1alpha1";

  private Worker() {}

  static MicroService manifest(String namespace, String kafka, int minReplicas) {
    String yaml = """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: %s, namespace: %s}
        spec:
          autoscaling: {minReplicas: %d, maxReplicas: 3, kafkaLag: 50}
          endpoints: {image: "ghcr.io/microservice-operator/hello-endpoint:0.1.0-SNAPSHOT"}
          servers:
            - name: events
              kafka: {bootstrapServers: "%s"}
              namespaces: [{name: %s, services: [{name: hello, endpoint: hello}]}]
          config: {workMillis: "40"}
        """.formatted(NAME, namespace, minReplicas, kafka, EndToEndIT.WORK);
    return Serialization.unmarshal(yaml, MicroService.class);
  }

  static GenericKubernetesResource scaledObject(KubernetesClient client, String namespace) {
    return client.genericKubernetesResources(KEDA_API, "ScaledObject").inNamespace(namespace).withName(NAME).get();
  }

  static Integer minReplicaCount(KubernetesClient client, String namespace) {
    GenericKubernetesResource so = scaledObject(client, namespace);
    return so == null ? null : so.<Integer>get("spec", "minReplicaCount");
  }

  /** @return the Deployment's replicas as the autoscaler set them */
  static int replicas(KubernetesClient client, String namespace) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(NAME).get();
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  /**
   * KEDA's own defaults (poll every 30 s, scale to zero after 300 s idle) are right for production and too slow for a
   * test: a field manager of the test's own sets shorter ones, fields the operator does not apply, so it keeps them.
   */
  static void shortenKedaTimers(KubernetesClient client, String namespace) {
    GenericKubernetesResource patch = new GenericKubernetesResourceBuilder().withApiVersion(KEDA_API).withKind("ScaledObject")
        .withNewMetadata().withName(NAME).withNamespace(namespace).endMetadata()
        .addToAdditionalProperties("spec", Map.of("pollingInterval", 5, "cooldownPeriod", 15)).build();
    client.genericKubernetesResources(KEDA_API, "ScaledObject").inNamespace(namespace).withName(NAME)
        .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("e2e-test")
            .withForce(true).build(), patch);
  }
}
