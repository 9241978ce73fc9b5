package dev.microservice.operator.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.localcluster.AuditLog;
import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import dev.microservice.localcluster.RegisteredNode;
import dev.microservice.model.MicroService;
import dev.microservice.operator.MicroServiceOperator;
import dev.microservice.operator.OperatorFactory;
import dev.microservice.operator.OperatorSettings;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator, built by {@link OperatorFactory} as production builds it, against a real control plane, authenticated as
 * the chart's ServiceAccount with only the chart's RBAC: reconciliation as far as the control plane goes (the real
 * Deployment and ReplicaSet controllers make Pods, the scheduler binds them to a registered node), convergence counted
 * from the audit log, conflicts, and garbage collection.
 */
@ExtendWith(LocalClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorOnRealClusterIT {
  static final String OPERATORS = "operators";
  static final String NS = "shop";
  static final String INSTANCE = "it-operator";
  static LocalCluster cluster;
  static KubernetesClient admin;
  static RegisteredNode node;
  static String operatorUser;
  static final ConflictInjector conflicts = new ConflictInjector();
  static SimpleMeterRegistry metrics;
  static MicroServiceOperator operator;
  static final String CHART_LEASE = "mso-microservice-operator-leader";

  @BeforeAll
  static void install(LocalCluster localCluster) {
    cluster = localCluster;
    admin = cluster.admin();
    RealCluster.establishCrd(admin);
    RealCluster.namespace(admin, OPERATORS);
    RealCluster.namespace(admin, NS);
    String serviceAccount = ChartRbac.install(admin, OPERATORS, cluster.binaries().kubernetesVersion());
    operatorUser = "system:serviceaccount:" + OPERATORS + ":" + serviceAccount;
    node = RegisteredNode.register(cluster, "worker-1", "10.213.0.1");
    node.confirmPodDeletions();
    startOperator(serviceAccount);
  }

  static void startOperator(String serviceAccount) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(cluster.serviceAccountConfig(OPERATORS, serviceAccount))
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("conflicts", conflicts)).build();
    metrics = new SimpleMeterRegistry();
    // The lease the chart names for release "mso" (LEASE_NAME): its Role allows get and update on that one only.
    operator = OperatorFactory.create(client, new OperatorSettings(TestResources.RUNTIME_IMAGE, Set.of(), OPERATORS, INSTANCE, 0,
        CHART_LEASE, true), metrics, () -> { });
    operator.start();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void reconcilesTheExampleAsTheChartsServiceAccountAsFarAsTheControlPlaneGoes() {
    admin.resource(hello()).create();
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      MicroService ms = admin.resources(MicroService.class).inNamespace(NS).withName("greeter").get();
      assertThat(ms.getStatus()).isNotNull();
      assertThat(ms.getStatus().getObservedGeneration()).isEqualTo(ms.getMetadata().getGeneration());
      Condition ready = ms.getStatus().condition("Ready");
      assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo("ReplicasNotReady");
      assertThat(ready.getMessage()).isEqualTo("0 of 1 pods ready");
      assertThat(pods()).singleElement().satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(node.name()));
    });
    assertThat(admin.configMaps().inNamespace(NS).withName("greeter-runtime").get()).isNotNull();
    assertThat(admin.services().inNamespace(NS).withName("greeter").get()).isNotNull();
    assertThat(admin.apps().replicaSets().inNamespace(NS).list().getItems()).singleElement()
        .satisfies(rs -> assertThat(rs.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Deployment"));
  }

  @Test
  @Order(2)
  void leaderElectionHoldsARealLease() {
    Lease lease = admin.leases().inNamespace(OPERATORS).withName(CHART_LEASE).get();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(INSTANCE);
  }

  @Test
  @Order(3)
  void theChartGrantsEverythingTheOperatorAskedFor() {
    assertThat(cluster.auditLog().since(0)).filteredOn(e -> e.user().equals(operatorUser))
        .as("the operator's requests").isNotEmpty()
        .filteredOn(e -> e.code() == 403).as("requests the chart's RBAC forbade").isEmpty();
  }

  @Test
  @Order(4)
  void tenReconcilesAndAFullResyncWriteNothing() {
    awaitQuiet();
    int mark = cluster.auditLog().mark();
    Pod pod = pods().get(0);
    for (int i = 0; i < 10; i++) {
      double before = reconciles();
      String touch = Integer.toString(i);
      admin.pods().inNamespace(NS).withName(pod.getMetadata().getName()).edit(p -> {
        p.getMetadata().getAnnotations().put("test.microservice.dev/touch", touch);
        return p;
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> reconciles() > before);
    }
    // A full resync: a new operator lists everything again and reconciles every MicroService from scratch.
    operator.stop();
    startOperator(operatorUser.substring(operatorUser.lastIndexOf(':') + 1));
    await().atMost(Duration.ofSeconds(60)).until(() -> reconciles() >= 1);
    awaitQuiet();
    assertThat(writesByOperator(mark)).as("writes by the operator after the objects converged").isEmpty();
  }

  @Test
  @Order(5)
  void aConflictingUpdateOfTheDeploymentIsRetriedAndNotLost() {
    int mark = cluster.auditLog().mark();
    conflicts.arm(Set.of("PUT", "PATCH"), "/namespaces/" + NS + "/deployments/greeter",
        // A merge patch with no resourceVersion: the other writer always gets through (the controllers write too).
        () -> admin.apps().deployments().inNamespace(NS).withName("greeter").patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"example.com/another-writer\":\"was here\"}}}"));
    editSpec(ms -> ms.getSpec().setReplicas(2));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(conflicts.fired()).isTrue();
      assertThat(admin.apps().deployments().inNamespace(NS).withName("greeter").get().getSpec().getReplicas()).isEqualTo(2);
    });
    List<AuditLog.Event> deploymentWrites = writesByOperator(mark).stream()
        .filter(e -> e.resource().equals("deployments")).toList();
    assertThat(deploymentWrites).as("the operator's writes of the Deployment").extracting(AuditLog.Event::code)
        .startsWith(409).contains(200);
  }

  @Test
  @Order(6)
  void aStatusPatchNeverClobbersASpecChangedMeanwhile() {
    conflicts.arm(Set.of("PATCH", "PUT"), "/namespaces/" + NS + "/microservices/greeter/status",
        () -> editSpec(ms -> ms.getSpec().setReplicas(3)));
    editSpec(ms -> ms.getSpec().getConfig().put("greeting", "Hi"));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(conflicts.fired()).isTrue();
      MicroService ms = greeter();
      assertThat(ms.getSpec().getReplicas()).isEqualTo(3);
      assertThat(ms.getSpec().getConfig()).containsEntry("greeting", "Hi");
      assertThat(ms.getStatus().getObservedGeneration()).isEqualTo(ms.getMetadata().getGeneration());
      assertThat(admin.apps().deployments().inNamespace(NS).withName("greeter").get().getSpec().getReplicas()).isEqualTo(3);
    });
  }

  @Test
  @Order(7)
  void deletingTheMicroServiceLetsTheGarbageCollectorRemoveWhatItOwned() {
    assertThat(admin.apps().deployments().inNamespace(NS).withName("greeter").get()).isNotNull();
    assertThat(admin.apps().replicaSets().inNamespace(NS).list().getItems()).isNotEmpty();
    assertThat(pods()).isNotEmpty();
    assertThat(admin.configMaps().inNamespace(NS).withName("greeter-runtime").get()).isNotNull();
    assertThat(admin.services().inNamespace(NS).withName("greeter").get()).isNotNull();
    admin.resources(MicroService.class).inNamespace(NS).withName("greeter").delete();
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      assertThat(admin.apps().deployments().inNamespace(NS).withName("greeter").get()).isNull();
      assertThat(admin.apps().replicaSets().inNamespace(NS).list().getItems()).isEmpty();
      assertThat(pods()).isEmpty();
      assertThat(admin.configMaps().inNamespace(NS).withName("greeter-runtime").get()).isNull();
      assertThat(admin.services().inNamespace(NS).withName("greeter").get()).isNull();
    });
  }

  /**
   * The replica count of an autoscaled MicroService belongs to the autoscaler: changed through the Deployment's scale
   * subresource (a PUT on /scale, as the HPA controller does), it stays through a reconcile that rolls the pods and
   * through a full resync, and no write of the operator's to the Deployment carries {@code replicas}.
   */
  @Test
  @Order(8)
  void replicasSetThroughTheScaleSubresourceStayAndTheOperatorNeverWritesThem() {
    int mark = cluster.auditLog().mark();
    MicroService ms = TestResources.hello();
    ms.getMetadata().setNamespace(NS);
    ms.getMetadata().setName("elastic");
    ms.getSpec().setReplicas(null);
    dev.microservice.model.AutoscalingSpec autoscaling = new dev.microservice.model.AutoscalingSpec();
    autoscaling.setMaxReplicas(5);
    autoscaling.setCpuUtilization(70);
    ms.getSpec().setAutoscaling(autoscaling);
    admin.resource(ms).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> elastic() != null);
    assertThat(elastic().getSpec().getReplicas()).as("the API server's default, the operator sent none").isEqualTo(1);
    assertThat(elastic().getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement()
        .satisfies(c -> assertThat(c.getMatchLabelKeys()).as("kept by Kubernetes 1.34").containsExactly("pod-template-hash"));

    // As the HPA controller does: read the scale, set spec.replicas, PUT it; a 409 means read again.
    var deployments = admin.apps().deployments().inNamespace(NS).withName("elastic");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptionsMatching(e -> e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
        && k.getCode() == 409).until(() -> {
          io.fabric8.kubernetes.api.model.autoscaling.v1.Scale scale = deployments.scale();
          scale.getSpec().setReplicas(3);
          return deployments.scale(scale) != null;
        });
    assertThat(elastic().getSpec().getReplicas()).isEqualTo(3);
    int scaled = cluster.auditLog().mark();

    String configHash = configHashOf(elastic());
    editElastic(m -> m.getSpec().getConfig().put("greeting", "Hej"));
    await().atMost(Duration.ofSeconds(60)).until(() -> !configHash.equals(configHashOf(elastic())));
    assertThat(elastic().getSpec().getReplicas()).as("after a reconcile that rolled the pods").isEqualTo(3);

    operator.stop();
    startOperator(operatorUser.substring(operatorUser.lastIndexOf(':') + 1));
    await().atMost(Duration.ofSeconds(60)).until(() -> reconciles() >= 1);
    awaitQuiet();
    assertThat(elastic().getSpec().getReplicas()).as("after a full resync").isEqualTo(3);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.resources(MicroService.class).inNamespace(NS)
        .withName("elastic").get().getStatus().getDesiredReplicas()).isEqualTo(3));

    assertThat(AuditBodies.since(cluster, mark)).filteredOn(w -> w.resource().equals("deployments/scale") && w.verb().equals("update"))
        .as("the scale subresource was used").isNotEmpty();
    // The audit log records a created object after defaulting (replicas: 1 included), a patch as sent: the operator's
    // writes since the scale, the patch that rolled the pods among them, must not name replicas.
    List<AuditBodies.Write> writes = AuditBodies.since(cluster, scaled).stream()
        .filter(w -> w.user().equals(operatorUser) && w.resource().startsWith("deployments")).toList();
    assertThat(writes).as("the operator's writes of the Deployment since the scale").extracting(AuditBodies.Write::verb)
        .containsOnly("patch").isNotEmpty();
    assertThat(writes).allSatisfy(w -> assertThat(w.body()).as(w.verb() + " " + w.resource()).doesNotContain("replicas"));
  }

  static io.fabric8.kubernetes.api.model.apps.Deployment elastic() {
    return admin.apps().deployments().inNamespace(NS).withName("elastic").get();
  }

  static String configHashOf(io.fabric8.kubernetes.api.model.apps.Deployment d) {
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(dev.microservice.operator.desired.ConfigHash.ANNOTATION);
  }

  static void editElastic(java.util.function.Consumer<MicroService> change) {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptionsMatching(e -> e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
        && k.getCode() == 409).until(() -> admin.resources(MicroService.class).inNamespace(NS).withName("elastic").edit(m -> {
          change.accept(m);
          return m;
        }) != null);
  }

  /**
   * The autoscaling and disruption objects with only the chart's RBAC: without KEDA the HPA stands in (condition
   * KedaNotInstalled); once KEDA's API is served (minimal stand-in CRDs for ScaledObject and TriggerAuthentication,
   * no KEDA controllers) the operator notices within the discovery expiry and swaps the HPA for the ScaledObject,
   * TriggerAuthentication and username ConfigMap; dropping autoscaling and disruption deletes them all. Every
   * request succeeds (no 403) and the converged objects are not rewritten.
   */
  @Test
  @Order(9)
  void autoscalingAndDisruptionObjectsComeAndGoWithTheChartsRbac() {
    int mark = cluster.auditLog().mark();
    admin.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("kafka-user").withNamespace(NS)
        .endMetadata().addToStringData("password", "it-password").build()).create();
    admin.resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("kafka-ca").withNamespace(NS)
        .endMetadata().addToStringData("ca.crt", "it-ca").build()).create();
    MicroService scaled = TestResources.read(java.nio.file.Path.of("src/test/resources/autoscaling/greeter-autoscaled.yaml"),
        MicroService.class);
    scaled.getMetadata().setName("scaled");
    scaled.getMetadata().setNamespace(NS);
    admin.resource(scaled).create();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("scaled").get()).isNotNull();
      assertThat(admin.policy().v1().podDisruptionBudget().inNamespace(NS).withName("scaled").get()).isNotNull();
      assertThat(autoscalingReason()).isEqualTo("KedaNotInstalled");
    });

    RealCluster.establishCrd(admin, java.nio.file.Path.of("src/test/resources/keda/scaledobjects.yaml"));
    RealCluster.establishCrd(admin, java.nio.file.Path.of("src/test/resources/keda/triggerauthentications.yaml"));
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      assertThat(keda("ScaledObject")).isNotNull();
      assertThat(keda("TriggerAuthentication")).isNotNull();
      assertThat(admin.configMaps().inNamespace(NS).withName("scaled-keda").get()).isNotNull();
      assertThat(admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("scaled").get()).isNull();
      assertThat(autoscalingReason()).isEqualTo("ScaledByKeda");
    });
    awaitQuiet();
    int converged = cluster.auditLog().mark();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> writesByOperator(converged).isEmpty());

    admin.resources(MicroService.class).inNamespace(NS).withName("scaled").edit(ms -> {
      ms.getSpec().setAutoscaling(null);
      ms.getSpec().setDisruption(null);
      return ms;
    });
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(keda("ScaledObject")).isNull();
      assertThat(keda("TriggerAuthentication")).isNull();
      assertThat(admin.configMaps().inNamespace(NS).withName("scaled-keda").get()).isNull();
      assertThat(admin.policy().v1().podDisruptionBudget().inNamespace(NS).withName("scaled").get()).isNull();
    });
    List<AuditLog.Event> byOperator = cluster.auditLog().since(mark).stream().filter(e -> e.user().equals(operatorUser)).toList();
    assertThat(byOperator).extracting(AuditLog.Event::resource)
        .contains("horizontalpodautoscalers", "poddisruptionbudgets", "scaledobjects", "triggerauthentications");
    assertThat(byOperator).filteredOn(e -> e.code() == 403).as("requests the chart's RBAC forbade").isEmpty();
  }

  private static String autoscalingReason() {
    MicroService ms = admin.resources(MicroService.class).inNamespace(NS).withName("scaled").get();
    Condition c = ms == null || ms.getStatus() == null ? null : ms.getStatus().condition("Autoscaling");
    return c == null ? null : c.getReason();
  }

  private static io.fabric8.kubernetes.api.model.GenericKubernetesResource keda(String kind) {
    return admin.genericKubernetesResources("keda.sh/v1alpha1", kind).inNamespace(NS).withName("scaled").get();
  }

  private static List<Pod> pods() {
    return admin.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", "greeter").list().getItems();
  }

  static MicroService hello() {
    MicroService ms = TestResources.hello();
    ms.getMetadata().setNamespace(NS);
    return ms;
  }

  /** Writes by the operator's user, but leader election's and access reviews (which persist nothing). */
  static List<AuditLog.Event> writesByOperator(int mark) {
    return cluster.auditLog().since(mark).stream().filter(e -> e.user().equals(operatorUser) && e.isWrite())
        .filter(e -> !e.resource().equals("leases") && !e.resource().endsWith("reviews")).toList();
  }

  /** Waits until the operator has written nothing (leases aside) for two seconds. */
  static void awaitQuiet() {
    int[] mark = {cluster.auditLog().mark()};
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      boolean quiet = writesByOperator(mark[0]).isEmpty();
      mark[0] = cluster.auditLog().mark();
      return quiet;
    });
  }

  static double reconciles() {
    return metrics.getMeters().stream().filter(m -> m instanceof Counter)
        .filter(m -> m.getId().getName().equals("operator.sdk.reconciliations.success"))
        .mapToDouble(m -> ((Counter) m).count()).sum();
  }

  static MicroService greeter() {
    return admin.resources(MicroService.class).inNamespace(NS).withName("greeter").get();
  }

  /** Changes the spec as a user would: read, change, write; a 409 (someone wrote in between) means read again. */
  static void editSpec(java.util.function.Consumer<MicroService> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        admin.resources(MicroService.class).inNamespace(NS).withName("greeter").edit(ms -> {
          change.accept(ms);
          return ms;
        });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

}
