package dev.microservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.MicroService;
import dev.microservice.model.ServiceSpec;
import dev.microservice.operator.desired.ConfigHash;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path on a real node, as a user runs it: {@code ./msvc cluster up} (control plane, kubelet with containerd
 * and runc, the images the build produced, the Helm chart with the operator as a pod, Kafka on the node),
 * {@code kubectl apply -f examples/hello/microservice.yaml} into a namespace that enforces the restricted Pod Security
 * Standard, then gRPC and Kafka from the test over the pod network, a rollout, a scale, a failure, a deletion, and
 * {@code ./msvc cluster down}, which leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(PodLogsOnFailure.class)
class EndToEndIT {
  static final String NS = "shop";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static final String WORK = "work";
  static final String WORK_REPLIES = "work-replies";
  static MsvcCluster cluster;
  static KubernetesClient client;
  static String kafka;

  @BeforeAll
  static void up() throws Exception {
    cluster = MsvcCluster.up(ROOT, "--keda");
    client = cluster.client();
    String nodeIp = client.nodes().list().getItems().get(0).getStatus().getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType())).findFirst().orElseThrow().getAddress();
    kafka = nodeIp + ":9092";
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      admin.createTopics(List.of(new NewTopic("greeter", 2, (short) 1), new NewTopic(KafkaRequests.REPLIES, 1, (short) 1),
          new NewTopic(WORK, 3, (short) 1), new NewTopic(WORK_REPLIES, 1, (short) 1))).all().get();
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
        .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
    await().atMost(Duration.ofSeconds(60)).until(() -> client.serviceAccounts().inNamespace(NS).withName("default").get() != null);
  }

  @AfterAll
  static void down() throws Exception {
    if (cluster == null) {
      return;
    }
    Path home = cluster.home();
    cluster.close();
    assertThat(home).doesNotExist();
    assertThat(NothingLeft.processes()).as("processes of the cluster still running").isEmpty();
    assertThat(NothingLeft.bridges()).as("pod bridges left").isEmpty();
    assertThat(NothingLeft.mounts()).as("mounts left").isEmpty();
  }

  static ConditionFactory eventually(Duration timeout) {
    return await().atMost(timeout).pollInterval(Duration.ofMillis(500));
  }

  static Condition condition(String name, String type) {
    MicroService ms = client.resources(MicroService.class).inNamespace(NS).withName(name).get();
    return ms == null || ms.getStatus() == null ? null : ms.getStatus().condition(type);
  }

  static boolean isReady(String name) {
    Condition c = condition(name, "Ready");
    return c != null && "True".equals(c.getStatus());
  }

  static List<Pod> pods(String microService) {
    return client.pods().inNamespace(NS).withLabel(INSTANCE, microService).list().getItems();
  }

  static boolean podReady(Pod p) {
    return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && p.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  static String configHash(Deployment d) {
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION);
  }

  /** Complete as {@code kubectl rollout status} sees it, with exactly that many ready pods of the template and no other. */
  static boolean rolledOut(String name, String hash, int replicas) {
    Deployment d = deployment(name);
    DeploymentStatus s = d.getStatus();
    boolean controller = d.getSpec().getReplicas() == replicas && s != null && s.getObservedGeneration() != null
        && s.getObservedGeneration() >= d.getMetadata().getGeneration() && Objects.equals(s.getReplicas(), replicas)
        && Objects.equals(s.getUpdatedReplicas(), replicas) && Objects.equals(s.getReadyReplicas(), replicas)
        && Objects.equals(s.getAvailableReplicas(), replicas);
    List<Pod> pods = pods(name);
    return controller && pods.size() == replicas && pods.stream().allMatch(p -> podReady(p)
        && hash.equals(p.getMetadata().getAnnotations().get(ConfigHash.ANNOTATION))) && isReady(name);
  }

  /** Calls the runtime on a ready endpoint of its Service, once the EndpointSlices list exactly the ready pods. */
  static String callThroughService(String service, String namespaceName, String svc, String payload) {
    String target = eventually(Duration.ofSeconds(60)).until(() -> ServiceCalls.endpoint(client, NS, service, "rpc",
        pods(service).stream().filter(EndToEndIT::podReady).map(p -> p.getMetadata().getName()).collect(Collectors.toSet())),
        Objects::nonNull);
    return ServiceCalls.call(target, namespaceName, svc, payload);
  }

  @Test
  @Order(1)
  void theAppliedExampleRunsInContainersOfTheBuildsImagesAndAnswersOverGrpcAndKafka() throws Exception {
    String out = cluster.kubectl("apply", "-n", NS, "-f", ROOT.resolve("examples/hello/microservice.yaml").toString());
    assertThat(out).contains("microservice.microservice.dev/greeter created");
    eventually(Duration.ofMinutes(3)).until(() -> isReady("greeter"));
    Pod pod = pods("greeter").get(0);
    assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(c -> {
      assertThat(c.getImage()).isEqualTo("ghcr.io/microservice-operator/runtime:" + System.getProperty("project.version"));
      assertThat(c.getContainerID()).startsWith("containerd://");
    });
    assertThat(pod.getStatus().getInitContainerStatuses()).singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("ghcr.io/microservice-operator/hello-endpoint:0.1.0-SNAPSHOT"));
    assertThat(callThroughService("greeter", "greeter", "hello", "World")).isEqualTo("Hello, World!");
    KafkaRequests requests = new KafkaRequests(kafka);
    try (KafkaProducer<byte[], byte[]> p = requests.producer()) {
      p.send(KafkaRequests.request("hello", "Kafka", "first")).get();
    }
    eventually(Duration.ofSeconds(60)).until(() -> "Hello, Kafka!".equals(requests.replies().get("first")));
  }

  @Test
  @Order(2)
  void theOperatorRunsAsAPodOfTheChartAndTheRestrictedStandardIsEnforced() {
    Pod operator = client.pods().inNamespace("microservice-system").list().getItems().get(0);
    assertThat(operator.getStatus().getContainerStatuses().get(0).getImage())
        .isEqualTo("ghcr.io/microservice-operator/operator:" + System.getProperty("project.version"));
    assertThat(client.namespaces().withName("microservice-system").get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    Pod rootPod = new PodBuilder().withNewMetadata().withName("as-root").endMetadata().withNewSpec()
        .addNewContainer().withName("c").withImage("ghcr.io/microservice-operator/hello-endpoint:0.1.0-SNAPSHOT").withImagePullPolicy("Never")
        .withNewSecurityContext().withRunAsNonRoot(false).endSecurityContext().endContainer().endSpec().build();
    KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
        () -> client.pods().inNamespace(NS).resource(rootPod).create());
    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(403);
    assertThat(refused.getMessage()).contains("violates PodSecurity \"restricted:latest\"", "runAsNonRoot != true");
  }

  @Test
  @Order(3)
  void specChangeRollsOutWithoutLosingKafkaRecords() throws Exception {
    String before = configHash(deployment("greeter"));
    Set<String> oldPods = pods("greeter").stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    KafkaRequests requests = new KafkaRequests(kafka);
    AtomicBoolean sending = new AtomicBoolean(true);
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Thread sender = new Thread(() -> {
      try (KafkaProducer<byte[], byte[]> p = requests.producer()) {
        for (int i = 0; sending.get(); i++) {
          String id = "rollout-" + i;
          p.send(KafkaRequests.request("hello", "r" + i, id)).get();
          sent.add(id);
          Thread.sleep(20);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "rollout-sender");
    sender.start();
    // An edit that races the operator's status patch gets a 409 and is made again, as kubectl edit would.
    await().atMost(Duration.ofSeconds(10)).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
        && k.getCode() == 409).until(() -> client.resources(MicroService.class).inNamespace(NS).withName("greeter")
        .edit(ms -> {
          ms.getSpec().getServers().get(0).getNamespaces().get(0).getServices().add(new ServiceSpec("goodbye", "goodbye"));
          return ms;
        }) != null);
    eventually(Duration.ofSeconds(60)).until(() -> !before.equals(configHash(deployment("greeter"))));
    String hash = configHash(deployment("greeter"));
    eventually(Duration.ofMinutes(3)).until(() -> rolledOut("greeter", hash, 1));
    assertThat(deployment("greeter").getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(pods("greeter")).extracting(p -> p.getMetadata().getName()).doesNotContainAnyElementsOf(oldPods);
    assertThat(callThroughService("greeter", "greeter", "goodbye", "E2E")).isEqualTo("Goodbye, E2E!");
    sending.set(false);
    sender.join(10_000);
    assertThat(sent).hasSizeGreaterThan(10);
    eventually(Duration.ofSeconds(90)).until(() -> requests.replies().keySet().containsAll(sent));
    System.out.printf("EndToEndIT: %d Kafka records sent during the rollout, all answered%n", sent.size());
  }

  @Test
  @Order(4)
  void scaledToTwoRuntimesSharingTheConsumerGroup() throws Exception {
    cluster.kubectl("scale", "-n", NS, "microservice/greeter", "--replicas=2");
    String hash = configHash(deployment("greeter"));
    eventually(Duration.ofMinutes(3)).until(() -> rolledOut("greeter", hash, 2));
    List<Pod> pods = pods("greeter");
    eventually(Duration.ofSeconds(90)).until(() -> pods.stream().allMatch(p -> assigned(p) == 1));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      String group = NS + ".greeter.events";
      eventually(Duration.ofSeconds(30)).until(() -> admin.describeConsumerGroups(List.of(group)).all().get().get(group)
          .members().size() == 2);
      Set<String> instances = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
          .map(MemberDescription::groupInstanceId).map(o -> o.orElse("(none)")).collect(Collectors.toSet());
      assertThat(instances).as("static membership from POD_NAME")
          .isEqualTo(pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet()));
    }
  }

  @Test
  @Order(5)
  void aRuntimeThatCannotStartSurfacesInTheStatus() throws Exception {
    MicroService broken = client.resources(MicroService.class).inNamespace(NS).withName("greeter").get();
    broken.getMetadata().setName("broken");
    broken.getMetadata().setResourceVersion(null);
    broken.getMetadata().setUid(null);
    broken.setStatus(null);
    broken.getSpec().setReplicas(1);
    broken.getSpec().getServers().forEach(s -> s.getNamespaces().forEach(n -> n.getServices().forEach(v -> v.setEndpoint("helo"))));
    client.resource(broken).create();
    eventually(Duration.ofMinutes(3)).until(() -> condition("broken", "Ready") != null
        && "RuntimeFailing".equals(condition("broken", "Ready").getReason()));
    assertThat(condition("broken", "Ready").getStatus()).isEqualTo("False");
    assertThat(condition("broken", "Ready").getMessage()).contains("no endpoint named 'helo'; available: goodbye, hello");
    assertThat(condition("broken", "Degraded").getStatus()).isEqualTo("True");
    assertThat(isReady("greeter")).as("nothing else broken").isTrue();
    assertThat(callThroughService("greeter", "greeter", "hello", "still")).isEqualTo("Hello, still!");
  }

  /**
   * KEDA built from its Go module runs beside the control plane (msvc cluster up --keda): its metrics adapter is the
   * external-metrics APIService, and the real HPA controller scales the runtime Deployment on the lag KEDA reads.
   */
  @Test
  @Order(6)
  void kafkaLagScalesTheRuntimeOutAndBackWhileEveryRecordIsAnswered() throws Exception {
    client.resource(Worker.manifest(NS, kafka, 1)).create();
    eventually(Duration.ofMinutes(3)).until(() -> isReady(Worker.NAME));
    eventually(Duration.ofSeconds(60)).until(() -> Worker.scaledObject(client, NS) != null);
    LagLoad first = new LagLoad(kafka, WORK, WORK_REPLIES, "commit").send(3);
    eventually(Duration.ofSeconds(60)).until(() -> first.answered() == 3); // the group has committed offsets now
    LagLoad burst = new LagLoad(kafka, WORK, WORK_REPLIES, "burst").send(Worker.BURST);
    int[] most = {1};
    eventually(Duration.ofMinutes(2)).until(() -> {
      most[0] = Math.max(most[0], Worker.replicas(client, NS));
      return most[0] > 1;
    });
    eventually(Duration.ofMinutes(5)).until(() -> burst.answered() == Worker.BURST);
    eventually(Duration.ofMinutes(3)).until(() -> Worker.replicas(client, NS) == 1);
    MicroService ms = client.resources(MicroService.class).inNamespace(NS).withName(Worker.NAME).get();
    assertThat(ms.getSpec().getReplicas()).as("the operator never wrote the count into the spec").isIn(null, 1);
    // The status follows the Deployment, and the lag the runtime pods report (read at most every 30 s).
    eventually(Duration.ofSeconds(90)).until(() -> {
      MicroService now = client.resources(MicroService.class).inNamespace(NS).withName(Worker.NAME).get();
      return Integer.valueOf(Worker.replicas(client, NS)).equals(now.getStatus().getDesiredReplicas())
          && now.getStatus().getKafka() != null && now.getStatus().getKafka().stream()
              .anyMatch(k -> "events".equals(k.getServer()) && k.getLag() != null && k.getLag() == 0);
    });
    System.out.printf("EndToEndIT: %d records answered; the HPA scaled the runtime to %d and back to 1%n", Worker.BURST,
        most[0]);
  }

  @Test
  @Order(7)
  void withMinReplicasZeroKedaScalesToZeroAndBackWhenRecordsArrive() throws Exception {
    client.resources(MicroService.class).inNamespace(NS).withName(Worker.NAME).edit(ms -> {
      ms.getSpec().getAutoscaling().setMinReplicas(0);
      return ms;
    });
    eventually(Duration.ofSeconds(60)).until(() -> Integer.valueOf(0).equals(Worker.minReplicaCount(client, NS)));
    Worker.shortenKedaTimers(client, NS); // in the test, not in the chart or the operator
    eventually(Duration.ofMinutes(3)).until(() -> Worker.replicas(client, NS) == 0 && pods(Worker.NAME).isEmpty());
    LagLoad wake = new LagLoad(kafka, WORK, WORK_REPLIES, "wake").send(100);
    eventually(Duration.ofMinutes(2)).until(() -> Worker.replicas(client, NS) >= 1);
    eventually(Duration.ofMinutes(3)).until(() -> wake.answered() == 100);
  }

  @Test
  @Order(8)
  void deletingTheMicroServicesRemovesTheirContainers() throws Exception {
    assertThat(client.pods().inNamespace(NS).list().getItems()).isNotEmpty();
    cluster.kubectl("delete", "-n", NS, "microservice", "greeter", "broken", Worker.NAME, "--wait=false");
    eventually(Duration.ofMinutes(3)).until(() -> client.apps().deployments().inNamespace(NS).list().getItems().isEmpty()
        && client.apps().replicaSets().inNamespace(NS).list().getItems().isEmpty()
        && client.pods().inNamespace(NS).list().getItems().isEmpty());
    assertThat(client.services().inNamespace(NS).withName("greeter").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withLabel(INSTANCE).list().getItems()).isEmpty();
  }

  static double assigned(Pod pod) {
    try {
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + pod.getStatus().getPodIP()
          + ":8081/metrics")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return metrics.lines().filter(l -> l.startsWith("microservice_kafka_assigned_partitions{"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (Exception e) {
      return -1;
    }
  }
}
