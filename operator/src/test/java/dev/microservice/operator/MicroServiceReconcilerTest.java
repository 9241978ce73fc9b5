package dev.microservice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.MicroService;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.operator.desired.ConfigHash;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real operator against fabric8's Kubernetes API mock in CRUD mode. */
class MicroServiceReconcilerTest {
  static final String NS = "shop";
  static KubernetesMockServer server;
  static KubernetesClient client;
  static Operator operator;

  @BeforeAll
  static void start() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions()
        .resource(TestResources.read(TestResources.ROOT.resolve("crds/microservices.microservice.dev-v1.yml"), CustomResourceDefinition.class))
        .create();
    OperatorSettings settings = new OperatorSettings(TestResources.RUNTIME_IMAGE, Set.of(), null, "test-operator", 0);
    operator = OperatorFactory.create(client, settings, new SimpleMeterRegistry());
    operator.start();
  }

  @AfterAll
  static void stop() {
    operator.stop();
    client.close();
    server.destroy();
  }

  static MicroService create(String name, java.util.function.Consumer<MicroService> edit) {
    MicroService ms = TestResources.hello();
    ms.getMetadata().setName(name);
    edit.accept(ms);
    return client.resource(ms).create();
  }

  static MicroService get(String name) {
    return client.resources(MicroService.class).inNamespace(NS).withName(name).get();
  }

  static Condition condition(String name, String type) {
    MicroService ms = get(name);
    return ms == null || ms.getStatus() == null ? null : ms.getStatus().condition(type);
  }

  static Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  static void assertOwnedBy(HasMetadata child, MicroService owner) {
    assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies((OwnerReference ref) -> {
      assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
      assertThat(ref.getKind()).isEqualTo("MicroService");
      assertThat(ref.getController()).isTrue();
      assertThat(ref.getBlockOwnerDeletion()).isTrue();
    });
  }

  @Test
  void createsConfigMapDeploymentAndServiceThenReportsReady() {
    MicroService ms = create("greeter", m -> {});
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("greeter") != null
        && client.configMaps().inNamespace(NS).withName("greeter-runtime").get() != null
        && client.services().inNamespace(NS).withName("greeter").get() != null);
    assertOwnedBy(deployment("greeter"), ms);
    assertOwnedBy(client.configMaps().inNamespace(NS).withName("greeter-runtime").get(), ms);
    assertOwnedBy(client.services().inNamespace(NS).withName("greeter").get(), ms);
    await().atMost(Duration.ofSeconds(30)).until(() -> condition("greeter", "Progressing") != null
        && "True".equals(condition("greeter", "Progressing").getStatus()));
    assertThat(condition("greeter", "Ready").getStatus()).isEqualTo("False");

    // What the Deployment controller would do once the pod is ready.
    Deployment d = deployment("greeter");
    d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
        .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1).build());
    client.resource(d).updateStatus();
    await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(condition("greeter", "Ready").getStatus()));
    MicroService ready = get("greeter");
    assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().condition("Ready").getReason()).isEqualTo("AllReplicasReady");
    // Nothing changes any more: neither the status nor the Deployment is written again.
    String msVersion = ready.getMetadata().getResourceVersion();
    String deploymentVersion = deployment("greeter").getMetadata().getResourceVersion();
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
        get("greeter").getMetadata().getResourceVersion().equals(msVersion)
            && deployment("greeter").getMetadata().getResourceVersion().equals(deploymentVersion));
  }

  @Test
  void specChangeRollsTheDeploymentThroughANewHash() {
    create("roll", m -> {});
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("roll") != null);
    String before = hashOf(deployment("roll"));
    client.resources(MicroService.class).inNamespace(NS).withName("roll")
        .edit(m -> {
          m.getSpec().getConfig().put("greeting", "Hej");
          return m;
        });
    await().atMost(Duration.ofSeconds(30)).until(() -> !hashOf(deployment("roll")).equals(before));
    ConfigMap cm = client.configMaps().inNamespace(NS).withName("roll-runtime").get();
    assertThat(cm.getData().get("microservice.yaml")).contains("greeting: Hej");
    assertThat(hashOf(deployment("roll"))).isEqualTo(ConfigHash.of(cm));
  }

  @Test
  void deletedDeploymentIsRecreated() {
    create("phoenix", m -> {});
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("phoenix") != null);
    String uid = deployment("phoenix").getMetadata().getUid();
    client.apps().deployments().inNamespace(NS).withName("phoenix").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("phoenix") != null
        && !deployment("phoenix").getMetadata().getUid().equals(uid));
  }

  @Test
  void scaleSubresourceScalesTheDeployment() {
    create("scaled", m -> {});
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("scaled") != null);
    client.resources(MicroService.class).inNamespace(NS).withName("scaled").scale(3);
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("scaled").getSpec().getReplicas() == 3);
    assertThat(get("scaled").getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void missingSecretSetsReadyFalseEmitsAWarningAndCreatesNothing() {
    create("locked", m -> {
      var sasl = new dev.microservice.model.SaslSpec();
      sasl.setUsername("greeter");
      SecretValueSpec password = new SecretValueSpec();
      password.setSecretKeyRef(new SecretKeyRef("kafka-user", "password"));
      sasl.setPassword(password);
      var security = new dev.microservice.model.KafkaSecuritySpec();
      security.setProtocol(dev.microservice.model.KafkaSecuritySpec.Protocol.SASL_PLAINTEXT);
      security.setSasl(sasl);
      m.getSpec().getServers().get(1).getKafka().setSecurity(security);
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> condition("locked", "Ready") != null);
    Condition ready = condition("locked", "Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("SecretNotFound");
    assertThat(ready.getMessage()).isEqualTo(
        "spec.servers[1].kafka.security.sasl.password.secretKeyRef: Secret 'kafka-user' not found in namespace 'shop'");
    await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> "locked".equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())
            && "SecretNotFound".equals(e.getReason())));
    assertThat(deployment("locked")).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("locked-runtime").get()).isNull();
    assertThat(client.services().inNamespace(NS).withName("locked").get()).isNull();
  }

  @Test
  void emptyEndpointImageIsInvalidSpec() {
    create("blank", m -> m.getSpec().getEndpoints().setImage(""));
    await().atMost(Duration.ofSeconds(30)).until(() -> condition("blank", "Ready") != null);
    assertThat(condition("blank", "Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition("blank", "Ready").getMessage()).startsWith("spec.endpoints.image: is empty");
    assertThat(deployment("blank")).isNull();
  }

  @Test
  void noServiceWithoutGrpcServers() {
    create("quiet", m -> m.getSpec().getServers().removeIf(s -> s.getGrpc() != null));
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("quiet") != null);
    assertThat(client.services().inNamespace(NS).withName("quiet").get()).isNull();
  }

  static String hashOf(Deployment d) {
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigHash.ANNOTATION);
  }

  static Service service(String name) {
    return client.services().inNamespace(NS).withName(name).get();
  }
}
