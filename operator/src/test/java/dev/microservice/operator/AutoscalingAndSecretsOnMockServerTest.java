package dev.microservice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.AutoscalingSpec;
import dev.microservice.model.KafkaSecuritySpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.SaslSpec;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.operator.desired.ConfigHash;
import dev.microservice.operator.desired.SecretsHash;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On the mock server: the replica count an autoscaler set survives reconciles; a changed Secret rolls the pods. */
class AutoscalingAndSecretsOnMockServerTest {
  static final String NS = "shop";
  static OperatorOnMockServer running;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    running = OperatorOnMockServer.start(NS, Map.of());
    client = running.client();
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  static AutoscalingSpec autoscaling(int max) {
    AutoscalingSpec a = new AutoscalingSpec();
    a.setMaxReplicas(max);
    a.setCpuUtilization(70);
    return a;
  }

  static MicroService create(String name, Consumer<MicroService> edit) {
    MicroService ms = TestResources.hello();
    ms.getMetadata().setName(name);
    edit.accept(ms);
    return client.resource(ms).create();
  }

  /** A user's edit; a 409 (the operator patched the status meanwhile) means read and edit again. */
  static void edit(String name, Consumer<MicroService> change) {
    await().atMost(Duration.ofSeconds(10)).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(() -> client.resources(MicroService.class).inNamespace(NS).withName(name).edit(m -> {
          change.accept(m);
          return m;
        }) != null);
  }

  static Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  static String templateAnnotation(String name, String key) {
    Deployment d = deployment(name);
    return d == null ? null : d.getSpec().getTemplate().getMetadata().getAnnotations().get(key);
  }

  /** What an autoscaler does: set the Deployment's replicas, nothing else. */
  static void autoscalerSets(String name, int replicas) {
    client.apps().deployments().inNamespace(NS).withName(name).edit(d -> {
      d.getSpec().setReplicas(replicas);
      return d;
    });
  }

  @Test
  void replicasAnAutoscalerSetStayThroughAReconcileThatRolls() {
    create("elastic", m -> {
      m.getSpec().setReplicas(null);
      m.getSpec().setAutoscaling(autoscaling(5));
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("elastic") != null);
    assertThat(deployment("elastic").getSpec().getReplicas()).as("left to the autoscaler").isNull();

    autoscalerSets("elastic", 4);
    String before = templateAnnotation("elastic", ConfigHash.ANNOTATION);
    edit("elastic", m -> m.getSpec().getConfig().put("greeting", "Hej"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !before.equals(templateAnnotation("elastic", ConfigHash.ANNOTATION)));
    assertThat(deployment("elastic").getSpec().getReplicas()).isEqualTo(4);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.resources(MicroService.class).inNamespace(NS)
        .withName("elastic").get().getStatus().getDesiredReplicas()).isEqualTo(4));
  }

  @Test
  void fromFixedReplicasToAutoscalingTheCountStaysAndBackItIsSetAgain() {
    create("switch", m -> m.getSpec().setReplicas(3));
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("switch") != null);
    assertThat(deployment("switch").getSpec().getReplicas()).isEqualTo(3);
    String spreadBefore = Serialization.asYaml(deployment("switch").getSpec().getTemplate().getSpec().getTopologySpreadConstraints());

    edit("switch", m -> {
      m.getSpec().setReplicas(null);
      m.getSpec().setAutoscaling(autoscaling(6));
      m.getSpec().getConfig().put("greeting", "Hallo");
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("switch").getSpec().getTemplate().getMetadata().getAnnotations()
        .get(ConfigHash.ANNOTATION).equals(ConfigHash.of(client.configMaps().inNamespace(NS).withName("switch-runtime").get())));
    assertThat(deployment("switch").getSpec().getReplicas()).as("the autoscaler starts from the count there was").isEqualTo(3);
    assertThat(Serialization.asYaml(deployment("switch").getSpec().getTemplate().getSpec().getTopologySpreadConstraints()))
        .isEqualTo(spreadBefore);

    autoscalerSets("switch", 5);
    edit("switch", m -> {
      m.getSpec().setAutoscaling(null);
      m.getSpec().setReplicas(2);
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> deployment("switch").getSpec().getReplicas() == 2);
  }

  @Test
  void aChangedReferencedSecretRollsThePodsThroughTheirHashAndNothingElse() {
    client.resource(new SecretBuilder().withNewMetadata().withName("kafka-user").withNamespace(NS).endMetadata()
        .withData(Map.of("password", "czNjcjN0")).build()).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("unrelated").withNamespace(NS).endMetadata()
        .withData(Map.of("x", "eA==")).build()).create();
    create("rotating", m -> {
      SaslSpec sasl = new SaslSpec();
      sasl.setUsername("greeter");
      SecretValueSpec password = new SecretValueSpec();
      password.setSecretKeyRef(new SecretKeyRef("kafka-user", "password"));
      sasl.setPassword(password);
      KafkaSecuritySpec security = new KafkaSecuritySpec();
      security.setProtocol(KafkaSecuritySpec.Protocol.SASL_PLAINTEXT);
      security.setSasl(sasl);
      m.getSpec().getServers().get(1).getKafka().setSecurity(security);
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> templateAnnotation("rotating", SecretsHash.ANNOTATION) != null);
    Deployment before = deployment("rotating");

    client.secrets().inNamespace(NS).withName("kafka-user").edit(s -> {
      s.setData(Map.of("password", "bjN3LXMzY3IzdA=="));
      return s;
    });
    String hashBefore = before.getSpec().getTemplate().getMetadata().getAnnotations().get(SecretsHash.ANNOTATION);
    await().atMost(Duration.ofSeconds(30)).until(() -> !hashBefore.equals(templateAnnotation("rotating", SecretsHash.ANNOTATION)));
    Deployment after = deployment("rotating");
    assertThat(withoutSecretsHash(after)).as("the Deployment's spec but the hash").isEqualTo(withoutSecretsHash(before));
    assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels());
    assertThat(Serialization.asYaml(after)).doesNotContain("bjN3LXMzY3IzdA==").doesNotContain("czNjcjN0");

    String version = after.getMetadata().getResourceVersion();
    client.secrets().inNamespace(NS).withName("unrelated").edit(s -> {
      s.setData(Map.of("x", "eQ=="));
      return s;
    });
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> deployment("rotating").getMetadata().getResourceVersion().equals(version));
  }

  /** The spec as YAML, without the Secrets hash of the pod template. */
  static String withoutSecretsHash(Deployment d) {
    Deployment copy = Serialization.clone(d);
    Map<String, String> annotations = new HashMap<>(copy.getSpec().getTemplate().getMetadata().getAnnotations());
    annotations.remove(SecretsHash.ANNOTATION);
    copy.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
    return Serialization.asYaml(copy.getSpec());
  }
}
