package dev.microservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.localcluster.AuditLog;
import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import dev.microservice.model.MicroService;
import dev.microservice.model.ServiceSpec;
import dev.microservice.operator.MicroServiceOperator;
import dev.microservice.operator.OperatorFactory;
import dev.microservice.operator.OperatorSettings;
import dev.microservice.operator.desired.ConfigHash;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path on a real control plane: kubectl-apply a MicroService on a real kube-apiserver, the real operator
 * renders the Deployment, the real Deployment and ReplicaSet controllers create its pods, the real scheduler binds
 * them to the node whose agent runs the runtime from the pod spec in its own network namespace, and messages flow over
 * real gRPC and a real Kafka broker; the real garbage collector removes what a deleted MicroService owned.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({LocalClusterExtension.class, PodLogsOnFailure.class})
class EndToEndIT {
  static final String NS = "shop";
  /** The label that names a runtime pod's MicroService. */
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static LocalCluster cluster;
  static KubernetesClient client;
  static Path work;
  static PodNetwork network;
  static EmbeddedKafka kafka;
  static MicroServiceOperator operator;
  static NodeAgent agent;

  @BeforeAll
  static void cluster(LocalCluster localCluster) throws Exception {
    cluster = localCluster;
    client = cluster.admin();
    network = new PodNetwork();
    kafka = EmbeddedKafka.builder().host(PodNetwork.NODE_IP).start();
    kafka.createTopic("greeter", 2);
    kafka.createTopic(KafkaRequests.REPLIES, 1);
    ClusterSetup.applyCrd(client, ROOT.resolve("crds/microservices.microservice.dev-v1.yml"));
    ClusterSetup.createNamespace(client, "operators");
    ClusterSetup.createNamespace(client, NS);
    operator = OperatorFactory.create(client, new OperatorSettings(Images.RUNTIME, Set.of(), "operators", "e2e-operator", 0),
        new SimpleMeterRegistry(), () -> { });
    operator.start();
    // Pod state and image contents live outside the clone, wherever (and however oddly named) it is.
    work = Files.createTempDirectory("mse2e-");
    Images images = Images.stage(work.resolve("images"), Path.of(System.getProperty("runtime.jar")),
        Path.of(System.getProperty("hello.jar")));
    Path logs = ROOT.resolve("e2e/target/pods");
    deleteRecursively(logs);
    agent = new NodeAgent(cluster, network, images, work.resolve("pods"), logs);
    agent.start();
  }

  @AfterAll
  static void teardown() {
    if (agent != null) {
      agent.close();
    }
    if (operator != null) {
      operator.stop();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (network != null) {
      network.close();
    }
    if (work != null) {
      deleteRecursively(work);
    }
  }

  @AfterEach
  void nodeAgentHonouredEverything() {
    assertThat(agent.errors()).as("what the node agent could not honour").isEmpty();
  }

  /** Waits for a condition, failing at once if the node agent reports something it cannot honour. */
  static org.awaitility.core.ConditionFactory eventually(Duration timeout) {
    return await().atMost(timeout).pollInterval(Duration.ofMillis(250)).failFast("the node agent failed",
        () -> !agent.errors().isEmpty());
  }

  static MicroService hello(String name) throws Exception {
    MicroService ms = Serialization.unmarshal(Files.readString(ROOT.resolve("examples/hello/microservice.yaml")), MicroService.class);
    ms.getMetadata().setName(name);
    ms.getMetadata().setNamespace(NS);
    ms.getSpec().getServers().stream().filter(s -> s.getKafka() != null).forEach(s -> s.getKafka().setBootstrapServers(kafka.bootstrapServers()));
    return ms;
  }

  static Condition condition(String name, String type) {
    MicroService ms = client.resources(MicroService.class).inNamespace(NS).withName(name).get();
    return ms == null || ms.getStatus() == null ? null : ms.getStatus().condition(type);
  }

  static boolean isReady(String name) {
    Condition c = condition(name, "Ready");
    return c != null && "True".equals(c.getStatus());
  }

  static KafkaRequests kafkaRequests() {
    return new KafkaRequests(kafka.bootstrapServers());
  }

  /** @return the pods the node agent runs (or is stopping) for a MicroService */
  static List<Pod> pods(String microService) {
    return agent.pods().stream().filter(p -> NS.equals(p.namespace)
        && microService.equals(p.object.getMetadata().getLabels().get(INSTANCE))).toList();
  }

  static Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  static String configHash(Deployment d) {
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION);
  }

  /**
   * A rollout is complete as {@code kubectl rollout status} sees it (the real Deployment controller observed the
   * generation; every replica updated, ready and available; no old one left), and the node agent runs exactly that many
   * ready processes of the current template, the API holds no other pod, and the MicroService is Ready.
   */
  static boolean rolledOut(String name, String hash, int replicas) {
    Deployment d = deployment(name);
    DeploymentStatus s = d.getStatus();
    boolean controller = d.getSpec().getReplicas() == replicas && s != null && s.getObservedGeneration() != null
        && s.getObservedGeneration() >= d.getMetadata().getGeneration() && Objects.equals(s.getReplicas(), replicas)
        && Objects.equals(s.getUpdatedReplicas(), replicas) && Objects.equals(s.getReadyReplicas(), replicas)
        && Objects.equals(s.getAvailableReplicas(), replicas);
    List<Pod> pods = pods(name);
    return controller && pods.size() == replicas
        && pods.stream().allMatch(p -> p.alive() && p.ready() && hash.equals(p.annotation(ConfigHash.ANNOTATION)))
        && client.pods().inNamespace(NS).withLabel(INSTANCE, name).list().getItems().size() == replicas
        && isReady(name);
  }

  /** Calls the runtime through the Service's rpc port, once its EndpointSlices list exactly the pods running ready. */
  static String callThroughService(String service, String namespaceName, String svc, String payload) {
    String target = eventually(Duration.ofSeconds(60)).until(() -> ServiceCalls.endpoint(client, NS, service, "rpc",
        pods(service).stream().filter(p -> p.alive() && p.ready()).map(p -> p.name).collect(Collectors.toSet())), Objects::nonNull);
    return ServiceCalls.call(target, namespaceName, svc, payload);
  }

  @Test
  @Order(1)
  void appliedExampleBecomesReadyAndAnswersOverGrpcAndKafka() throws Exception {
    client.resource(hello("greeter")).create();
    eventually(Duration.ofSeconds(120)).until(() -> isReady("greeter"));
    Pod pod = pods("greeter").get(0);
    io.fabric8.kubernetes.api.model.Pod api = client.pods().inNamespace(NS).withName(pod.name).get();
    assertThat(api.getSpec().getNodeName()).as("bound by the scheduler").isEqualTo(NodeAgent.NODE);
    assertThat(api.getMetadata().getOwnerReferences()).as("created by the ReplicaSet controller")
        .anySatisfy(o -> assertThat(o.getKind()).isEqualTo("ReplicaSet"));
    assertThat(api.getStatus().getPodIP()).isEqualTo(pod.ip());
    assertThat(deployment("greeter").getStatus().getAvailableReplicas()).as("the Deployment controller's count").isEqualTo(1);
    assertThat(callThroughService("greeter", "greeter", "hello", "E2E")).isEqualTo("Hello, E2E!");
    try (KafkaProducer<byte[], byte[]> p = kafkaRequests().producer()) {
      p.send(KafkaRequests.request("hello", "Kafka", "first")).get();
    }
    eventually(Duration.ofSeconds(30)).until(() -> "Hello, Kafka!".equals(kafkaRequests().replies().get("first")));
  }

  @Test
  @Order(2)
  void specChangeRollsOutWithoutLosingKafkaRecords() throws Exception {
    String before = configHash(deployment("greeter"));
    AtomicBoolean sending = new AtomicBoolean(true);
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Thread sender = new Thread(() -> {
      try (KafkaProducer<byte[], byte[]> p = kafkaRequests().producer()) {
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
    client.resources(MicroService.class).inNamespace(NS).withName("greeter").edit(ms -> {
      ms.getSpec().getServers().get(0).getNamespaces().get(0).getServices().add(new ServiceSpec("goodbye", "goodbye"));
      return ms;
    });
    eventually(Duration.ofSeconds(60)).until(() -> !before.equals(configHash(deployment("greeter"))));
    String hash = configHash(deployment("greeter"));
    eventually(Duration.ofSeconds(180)).until(() -> rolledOut("greeter", hash, 1));
    assertThat(deployment("greeter").getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
    List<ReplicaSet> sets = client.apps().replicaSets().inNamespace(NS).withLabel(INSTANCE, "greeter").list().getItems();
    assertThat(sets).as("the Deployment controller's ReplicaSets, old scaled to zero").hasSize(2).allSatisfy(rs -> assertThat(
        rs.getSpec().getReplicas()).isEqualTo(hash.equals(rs.getSpec().getTemplate().getMetadata().getAnnotations()
        .get(ConfigHash.ANNOTATION)) ? 1 : 0));
    assertThat(agent.everStarted()).filteredOn(p -> before.equals(p.annotation(ConfigHash.ANNOTATION)))
        .as("the old pod's processes").isNotEmpty().noneMatch(Pod::alive);
    assertThat(callThroughService("greeter", "greeter", "goodbye", "E2E")).isEqualTo("Goodbye, E2E!");
    sending.set(false);
    sender.join(10_000);
    assertThat(sent).hasSizeGreaterThan(10);
    eventually(Duration.ofSeconds(60)).until(() -> kafkaRequests().replies().keySet().containsAll(sent));
    System.out.printf("EndToEndIT: %d Kafka records sent during the rollout, all answered%n", sent.size());
  }

  @Test
  @Order(3)
  void scaledToTwoRuntimesSharingTheConsumerGroup() throws Exception {
    client.resources(MicroService.class).inNamespace(NS).withName("greeter").scale(2);
    String hash = configHash(deployment("greeter"));
    eventually(Duration.ofSeconds(120)).until(() -> rolledOut("greeter", hash, 2)
        && Integer.valueOf(2).equals(client.resources(MicroService.class).inNamespace(NS).withName("greeter").scale().getStatus()
        .getReplicas()));
    List<Pod> pods = pods("greeter");
    eventually(Duration.ofSeconds(60)).until(() -> pods.stream().allMatch(p -> assigned(p) == 1));
    try (Admin admin = kafka.admin()) {
      eventually(Duration.ofSeconds(30)).until(() -> admin.describeConsumerGroups(List.of("shop.greeter.events")).all()
          .get().get("shop.greeter.events").members().size() == 2);
      Set<String> instances = admin.describeConsumerGroups(List.of("shop.greeter.events")).all().get().get("shop.greeter.events")
          .members().stream().map(MemberDescription::groupInstanceId).map(o -> o.orElse("(none)")).collect(Collectors.toSet());
      assertThat(instances).as("static membership from POD_NAME").isEqualTo(pods.stream().map(p -> p.name).collect(Collectors.toSet()));
    }
  }

  @Test
  @Order(4)
  void runtimeThatCannotStartSurfacesInTheStatus() throws Exception {
    MicroService broken = hello("broken");
    broken.getSpec().getServers().forEach(s -> s.getNamespaces().forEach(n -> n.getServices().forEach(v -> v.setEndpoint("helo"))));
    client.resource(broken).create();
    eventually(Duration.ofSeconds(120)).until(() -> condition("broken", "Ready") != null
        && "RuntimeFailing".equals(condition("broken", "Ready").getReason()));
    assertThat(condition("broken", "Ready").getStatus()).isEqualTo("False");
    assertThat(condition("broken", "Ready").getMessage()).contains("no endpoint named 'helo'; available: goodbye, hello");
    assertThat(condition("broken", "Degraded").getStatus()).isEqualTo("True");
    assertThat(isReady("greeter")).as("nothing else broken").isTrue();
    assertThat(callThroughService("greeter", "greeter", "hello", "still")).isEqualTo("Hello, still!");
  }

  @Test
  @Order(5)
  void deletingTheMicroServiceStopsItsProcesses() {
    List<Pod> pods = agent.pods().stream().filter(p -> NS.equals(p.namespace)).toList();
    assertThat(pods).extracting(p -> p.object.getMetadata().getLabels().get(INSTANCE)).contains("greeter", "broken");
    AuditLog audit = cluster.auditLog();
    int mark = audit.mark();
    client.resources(MicroService.class).inNamespace(NS).withName("greeter").delete();
    client.resources(MicroService.class).inNamespace(NS).withName("broken").delete();
    eventually(Duration.ofSeconds(180)).until(() -> client.apps().deployments().inNamespace(NS).list().getItems().isEmpty()
        && client.apps().replicaSets().inNamespace(NS).list().getItems().isEmpty()
        && client.pods().inNamespace(NS).list().getItems().isEmpty()
        && pods.stream().noneMatch(Pod::alive) && agent.pods().stream().noneMatch(p -> NS.equals(p.namespace)));
    assertThat(client.services().inNamespace(NS).withName("greeter").get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withLabel(INSTANCE).list().getItems()).isEmpty();
    List<AuditLog.Event> events = audit.since(mark);
    assertThat(events).as("the garbage collector deleted the Deployments").anySatisfy(e -> assertThat(List.of(e.user(), e.verb(),
        e.resource(), e.name())).containsExactly("system:serviceaccount:kube-system:generic-garbage-collector", "delete",
        "deployments", "greeter"));
    for (Pod pod : pods) {
      assertThat(events).as("the node finished the deletion of " + pod.name).anySatisfy(e -> assertThat(List.of(e.user(), e.verb(),
          e.resource(), e.name(), e.code() < 300)).containsExactly("system:node:" + NodeAgent.NODE, "delete", "pods", pod.name, true));
    }
  }

  static double assigned(Pod pod) {
    try {
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + pod.ip() + ":8081/metrics"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return metrics.lines().filter(l -> l.startsWith("microservice_kafka_assigned_partitions{"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (Exception e) {
      return -1;
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
