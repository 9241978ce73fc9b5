package dev.microservice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.Keda;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The autoscaling and disruption objects the operator writes, with KEDA's API served (its CRDs on the mock server)
 * and without it (condition KedaNotInstalled, the HPA fallback); removing spec.autoscaling and spec.disruption
 * deletes them.
 */
class AutoscalingOnMockServerTest {
  static final String NS = "shop";
  static final Path MANIFEST = Path.of("src/test/resources/autoscaling/greeter-autoscaled.yaml");
  static OperatorOnMockServer withKeda;
  static OperatorOnMockServer withoutKeda;

  @BeforeAll
  static void start() {
    withKeda = OperatorOnMockServer.start(NS, Map.of());
    for (String crd : new String[] {"scaledobjects", "triggerauthentications"}) {
      withKeda.client().apiextensions().v1().customResourceDefinitions()
          .resource(TestResources.read(Path.of("src/test/resources/keda/" + crd + ".yaml"), CustomResourceDefinition.class))
          .create();
    }
    withoutKeda = OperatorOnMockServer.start(NS, Map.of());
    for (OperatorOnMockServer running : new OperatorOnMockServer[] {withKeda, withoutKeda}) {
      running.client().resource(new SecretBuilder().withNewMetadata().withName("kafka-user").withNamespace(NS).endMetadata()
          .addToStringData("password", "not-a-real-password").build()).create();
      running.client().resource(new SecretBuilder().withNewMetadata().withName("kafka-ca").withNamespace(NS).endMetadata()
          .addToStringData("ca.crt", "not-a-real-certificate").build()).create();
    }
  }

  @AfterAll
  static void stop() {
    withKeda.close();
    withoutKeda.close();
  }

  @Test
  void withKedaAScaledObjectTriggerAuthenticationAndPdbThatGoWhenTheSpecDropsThem() {
    KubernetesClient client = withKeda.client();
    create(client, "scaled", ms -> ms);
    await().atMost(Duration.ofSeconds(30)).until(() -> keda(client, Keda.SCALED_OBJECT, "scaled") != null
        && keda(client, Keda.TRIGGER_AUTHENTICATION, "scaled") != null
        && client.configMaps().inNamespace(NS).withName("scaled-keda").get() != null
        && client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("scaled").get() != null);
    GenericKubernetesResource scaledObject = keda(client, Keda.SCALED_OBJECT, "scaled");
    assertThat(scaledObject.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo("scaled"));
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asYaml(scaledObject))
        .contains("consumerGroup: \"shop.scaled.events\"", "topic: \"farewells\"", "lagThreshold: \"100\"");
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asYaml(keda(client, Keda.TRIGGER_AUTHENTICATION, "scaled")))
        .contains("name: \"kafka-user\"").doesNotContain("not-a-real-password");
    assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("scaled").get())
        .as("KEDA makes its own HPA").isNull();
    await().atMost(Duration.ofSeconds(30)).until(() -> condition(client, "scaled") != null);
    assertThat(condition(client, "scaled").getStatus()).isEqualTo("True");
    assertThat(condition(client, "scaled").getReason()).isEqualTo("ScaledByKeda");

    edit(client, "scaled", ms -> {
      ms.getSpec().setAutoscaling(null);
      ms.getSpec().setDisruption(null);
      return ms;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> keda(client, Keda.SCALED_OBJECT, "scaled") == null
        && keda(client, Keda.TRIGGER_AUTHENTICATION, "scaled") == null
        && client.configMaps().inNamespace(NS).withName("scaled-keda").get() == null
        && client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("scaled").get() == null
        && condition(client, "scaled") == null);
    assertThat(client.apps().deployments().inNamespace(NS).withName("scaled").get()).isNotNull();
  }

  @Test
  void withoutKedaTheConditionSaysSoAWarningIsEmittedAndTheHpaStandsIn() {
    KubernetesClient client = withoutKeda.client();
    create(client, "fallback", ms -> ms);
    await().atMost(Duration.ofSeconds(30)).until(() -> condition(client, "fallback") != null
        && client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("fallback").get() != null);
    Condition autoscaling = condition(client, "fallback");
    assertThat(autoscaling.getStatus()).isEqualTo("False");
    assertThat(autoscaling.getReason()).isEqualTo("KedaNotInstalled");
    assertThat(autoscaling.getMessage()).contains("spec.autoscaling.kafkaLag is not followed",
        "a HorizontalPodAutoscaler scales on CPU (spec.autoscaling.cpuUtilization) instead");
    assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("fallback").get()
        .getSpec().getMaxReplicas()).isEqualTo(10);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> "fallback".equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())
            && "KedaNotInstalled".equals(e.getReason()) && e.getMessage().contains("spec.autoscaling.kafkaLag")));
    // Nothing else breaks.
    assertThat(client.apps().deployments().inNamespace(NS).withName("fallback").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(NS).withName("fallback-runtime").get()).isNotNull();
    assertThat(client.services().inNamespace(NS).withName("fallback").get()).isNotNull();
    assertThat(client.policy().v1().podDisruptionBudget().inNamespace(NS).withName("fallback").get()).isNotNull();

    edit(client, "fallback", ms -> {
      ms.getSpec().setAutoscaling(null);
      return ms;
    });
    await().atMost(Duration.ofSeconds(30)).until(() ->
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("fallback").get() == null
            && condition(client, "fallback") == null);
  }

  @Test
  void withoutKedaAndWithoutCpuNoAutoscalerAndTheCountStays() {
    KubernetesClient client = withoutKeda.client();
    create(client, "waiting", ms -> {
      ms.getSpec().getAutoscaling().setCpuUtilization(null);
      return ms;
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> condition(client, "waiting") != null);
    assertThat(condition(client, "waiting").getReason()).isEqualTo("KedaNotInstalled");
    assertThat(condition(client, "waiting").getMessage()).contains("the Deployment keeps its current replica count");
    assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("waiting").get()).isNull();
  }

  static void create(KubernetesClient client, String name, UnaryOperator<MicroService> edit) {
    MicroService ms = TestResources.read(MANIFEST, MicroService.class);
    ms.getMetadata().setName(name);
    ms.getMetadata().setNamespace(NS);
    client.resource(edit.apply(ms)).create();
  }

  /** A user's edit; one that races the operator's status patch gets a 409 and is made again, as kubectl edit would. */
  static void edit(KubernetesClient client, String name, UnaryOperator<MicroService> edit) {
    await().atMost(Duration.ofSeconds(10)).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k
        && k.getCode() == 409).until(() -> client.resources(MicroService.class).inNamespace(NS).withName(name)
        .edit(edit) != null);
  }

  static GenericKubernetesResource keda(KubernetesClient client, String kind, String name) {
    return client.genericKubernetesResources(Keda.API_VERSION, kind).inNamespace(NS).withName(name).get();
  }

  static Condition condition(KubernetesClient client, String name) {
    MicroService ms = client.resources(MicroService.class).inNamespace(NS).withName(name).get();
    return ms == null || ms.getStatus() == null ? null : ms.getStatus().condition("Autoscaling");
  }
}
