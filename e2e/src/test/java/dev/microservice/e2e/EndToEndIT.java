package dev.microservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.model.MicroService;
import dev.microservice.model.ServiceSpec;
import dev.microservice.operator.MicroServiceOperator;
import dev.microservice.operator.OperatorFactory;
import dev.microservice.operator.OperatorSettings;
import dev.microservice.operator.desired.ConfigHash;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path: kubectl-apply a MicroService on the API mock, the real operator renders the
 * Deployment, the pod launcher runs the runtime from that pod spec in its own network namespace,
 * and messages flow over real gRPC and a real Kafka broker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(PodLogsOnFailure.class)
class EndToEndIT {
  static final String NS = "shop";
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  static PodNetwork network;
  static EmbeddedKafka kafka;
  static KubernetesMockServer server;
  static KubernetesClient client;
  static MicroServiceOperator operator;
  static PodLauncher launcher;

  @BeforeAll
  static void cluster() throws Exception {
    network = new PodNetwork();
    kafka = EmbeddedKafka.builder().host(PodNetwork.NODE_IP).start();
    kafka.createTopic("greeter", 2);
    kafka.createTopic("e2e-replies", 1);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
    server.init();
    // The mock has no RBAC: grant the lease verbs the chart's leader-election Role grants.
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder()
            .withNewStatus().withIncomplete(false).addNewResourceRule().withApiGroups("coordination.k8s.io")
            .withResources("leases").withVerbs("get", "create", "update").endResourceRule().endStatus().build())
        .always();
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal(
        Files.readString(ROOT.resolve("crds/microservices.microservice.dev-v1.yml")), CustomResourceDefinition.class)).create();
    operator = OperatorFactory.create(client, new OperatorSettings(Images.RUNTIME, Set.of(), "operators", "e2e-operator", 0),
        new SimpleMeterRegistry(), () -> { });
    operator.start();
    Path helloImage = ROOT.resolve("e2e/target/images/hello");
    Files.createDirectories(helloImage.resolve("endpoints"));
    Files.copy(Path.of(System.getProperty("hello.jar")), helloImage.resolve("endpoints/hello-endpoint.jar"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    launcher = new PodLauncher(client, network, new Images(Path.of(System.getProperty("runtime.jar")), helloImage),
        ROOT.resolve("e2e/target/pods"));
    launcher.start();
  }

  @AfterAll
  static void teardown() {
    if (launcher != null) {
      launcher.close();
    }
    if (operator != null) {
      operator.stop();
    }
    if (client != null) {
      client.close();
      server.destroy();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (network != null) {
      network.close();
    }
  }

  @AfterEach
  void launcherHonouredEverything() {
    assertThat(launcher.errors()).as("what the pod launcher could not honour").isEmpty();
  }

  /** Waits for a condition, failing at once if the pod launcher reports something it cannot honour. */
  static org.awaitility.core.ConditionFactory eventually(Duration timeout) {
    return await().atMost(timeout).pollInterval(Duration.ofMillis(200)).failFast("the pod launcher failed",
        () -> !launcher.errors().isEmpty());
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

  /** Calls through the Service's port like kube-proxy would: to the target port of a ready pod. */
  static String callThroughService(String service, String namespaceName, String svc, String payload) {
    Service s = client.services().inNamespace(NS).withName(service).get();
    ServicePort port = s.getSpec().getPorts().stream().filter(p -> p.getName().equals("rpc")).findFirst().orElseThrow();
    Pod pod = launcher.pods(NS, service).stream().filter(p -> p.ready).findFirst().orElseThrow();
    ManagedChannel channel = NettyChannelBuilder.forAddress(pod.network.ip(), pod.port(port.getTargetPort())).usePlaintext().build();
    try {
      return MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .command(RPCMessage.newBuilder().setNamespace(namespaceName).setService(svc)
              .setData(com.google.protobuf.ByteString.copyFromUtf8(payload)).build())
          .getData().toStringUtf8();
    } finally {
      channel.shutdownNow();
    }
  }

  static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  static ProducerRecord<byte[], byte[]> request(String service, String payload, String correlationId) {
    RecordHeaders h = new RecordHeaders();
    h.add("service", service.getBytes(StandardCharsets.UTF_8));
    h.add("reply-to", "e2e-replies".getBytes(StandardCharsets.UTF_8));
    h.add("correlation-id", correlationId.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>("greeter", null, correlationId.getBytes(StandardCharsets.UTF_8),
        payload.getBytes(StandardCharsets.UTF_8), h);
  }

  /** Every reply on e2e-replies so far, by correlation id. */
  static Map<String, String> replies() {
    Map<String, String> replies = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "e2e-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of("e2e-replies"));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() < end) {
        c.poll(Duration.ofMillis(200)).forEach(r -> replies.put(
            new String(r.headers().lastHeader("correlation-id").value(), StandardCharsets.UTF_8),
            r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
      }
    }
    return replies;
  }

  @Test
  @Order(1)
  void appliedExampleBecomesReadyAndAnswersOverGrpcAndKafka() throws Exception {
    client.resource(hello("greeter")).create();
    eventually(Duration.ofSeconds(90)).until(() -> isReady("greeter"));
    assertThat(callThroughService("greeter", "greeter", "hello", "E2E")).isEqualTo("Hello, E2E!");
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      p.send(request("hello", "Kafka", "first")).get();
    }
    eventually(Duration.ofSeconds(30)).until(() -> "Hello, Kafka!".equals(replies().get("first")));
  }

  @Test
  @Order(2)
  void specChangeRollsOutWithoutLosingKafkaRecords() throws Exception {
    String before = client.apps().deployments().inNamespace(NS).withName("greeter").get()
        .getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION);
    AtomicBoolean sending = new AtomicBoolean(true);
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Thread sender = new Thread(() -> {
      try (KafkaProducer<byte[], byte[]> p = producer()) {
        for (int i = 0; sending.get(); i++) {
          String id = "rollout-" + i;
          p.send(request("hello", "r" + i, id)).get();
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
    eventually(Duration.ofSeconds(30)).until(() -> !before.equals(client.apps().deployments().inNamespace(NS).withName("greeter")
        .get().getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION)));
    Deployment rolled = client.apps().deployments().inNamespace(NS).withName("greeter").get();
    String hash = PodLauncher.hash(rolled);
    eventually(Duration.ofSeconds(90)).until(() -> {
      List<Pod> pods = launcher.pods(NS, "greeter");
      return pods.size() == 1 && pods.get(0).templateHash.equals(hash) && pods.get(0).ready && isReady("greeter");
    });
    assertThat(callThroughService("greeter", "greeter", "goodbye", "E2E")).isEqualTo("Goodbye, E2E!");
    sending.set(false);
    sender.join(10_000);
    assertThat(sent).hasSizeGreaterThan(10);
    eventually(Duration.ofSeconds(60)).until(() -> replies().keySet().containsAll(sent));
    System.out.printf("EndToEndIT: %d Kafka records sent during the rollout, all answered%n", sent.size());
  }

  @Test
  @Order(3)
  void scaledToTwoRuntimesSharingTheConsumerGroup() throws Exception {
    client.resources(MicroService.class).inNamespace(NS).withName("greeter").scale(2);
    eventually(Duration.ofSeconds(90)).until(() -> launcher.pods(NS, "greeter").stream().filter(p -> p.ready).count() == 2
        && isReady("greeter"));
    List<Pod> pods = launcher.pods(NS, "greeter");
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
    eventually(Duration.ofSeconds(90)).until(() -> condition("broken", "Ready") != null
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
    List<Pod> pods = launcher.pods(NS, "greeter");
    assertThat(pods).isNotEmpty();
    client.resources(MicroService.class).inNamespace(NS).withName("greeter").delete();
    client.resources(MicroService.class).inNamespace(NS).withName("broken").delete();
    eventually(Duration.ofSeconds(60)).until(() -> client.apps().deployments().inNamespace(NS).list().getItems().isEmpty()
        && pods.stream().noneMatch(Pod::alive) && launcher.pods(NS, "greeter").isEmpty());
    assertThat(client.services().inNamespace(NS).withName("greeter").get()).isNull();
  }

  static double assigned(Pod pod) {
    try {
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + pod.network.ip() + ":8081/metrics"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return metrics.lines().filter(l -> l.startsWith("microservice_kafka_assigned_partitions{"))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (Exception e) {
      return -1;
    }
  }
}
