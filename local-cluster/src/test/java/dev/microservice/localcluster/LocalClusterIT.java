package dev.microservice.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: the real components run and do their jobs (scheduling, garbage collection, authorization). */
@ExtendWith(LocalClusterExtension.class)
class LocalClusterIT {
  static LocalCluster cluster;
  static RegisteredNode node;

  @BeforeAll
  static void start(LocalCluster localCluster) {
    cluster = localCluster;
    node = RegisteredNode.register(cluster, "harness-node", "10.213.0.1");
    node.confirmPodDeletions();
    cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("harness").endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void runsThePinnedVersion() {
    assertThat(cluster.admin().getKubernetesVersion().getGitVersion()).isEqualTo("v" + cluster.binaries().kubernetesVersion());
  }

  @Test
  void controllersAndSchedulerRunADeploymentOnTheRegisteredNodeAndTheGarbageCollectorRemovesIt() {
    KubernetesClient admin = cluster.admin();
    Deployment deployment = admin.apps().deployments().inNamespace("harness").resource(new DeploymentBuilder()
        .withNewMetadata().withName("web").endMetadata().withNewSpec().withReplicas(2)
        .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
        .withNewSpec().withNodeSelector(Map.of("kubernetes.io/hostname", node.name()))
        .addNewContainer().withName("web").withImage("example.invalid/web:1").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(pods(admin))
        .hasSize(2).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(node.name())));
    assertThat(admin.apps().replicaSets().inNamespace("harness").list().getItems()).hasSize(1);

    admin.apps().deployments().inNamespace("harness").withName(deployment.getMetadata().getName()).delete();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(admin.apps().replicaSets().inNamespace("harness").list().getItems()).isEmpty();
      assertThat(pods(admin)).isEmpty();
    });
  }

  @Test
  void aServiceAccountHasOnlyWhatRbacGrants() {
    KubernetesClient sa = cluster.serviceAccountClient("harness", "nobody");
    assertThatThrownBy(() -> sa.configMaps().inNamespace("harness").list())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403))
        .hasMessageContaining("system:serviceaccount:harness:nobody");
  }

  @Test
  void theAuditLogRecordsWritesWithTheirUser() {
    AuditLog audit = cluster.auditLog();
    int mark = audit.mark();
    cluster.admin().configMaps().inNamespace("harness").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("audited").endMetadata().addToData("k", "v").build()).create();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit.since(mark))
        .anySatisfy(e -> {
          assertThat(e.user()).isEqualTo("local-cluster-admin");
          assertThat(e.verb()).isEqualTo("create");
          assertThat(e.resource()).isEqualTo("configmaps");
          assertThat(e.name()).isEqualTo("audited");
        }));
  }

  private static List<Pod> pods(KubernetesClient client) {
    return client.pods().inNamespace("harness").withLabel("app", "web").list().getItems();
  }
}
