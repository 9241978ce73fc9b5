package dev.microservice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.KafkaSecuritySpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.SaslSpec;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With SECRET_CHECKS=false (chart value secretChecks.enabled: false) the operator never reads a Secret. */
class SecretChecksOffTest {
  static final String NS = "shop";
  static KubernetesMockServer server;
  static KubernetesClient client;
  static MicroServiceOperator operator;

  @BeforeAll
  static void start() {
    // CRUD mode, as MicroServiceReconcilerTest sets it up.
    var responses = new HashMap<ServerRequest, Queue<ServerResponse>>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions()
        .resource(TestResources.read(TestResources.ROOT.resolve("crds/microservices.microservice.dev-v1.yml"), CustomResourceDefinition.class))
        .create();
    OperatorSettings settings = OperatorSettings.fromEnv(java.util.Map.of("RUNTIME_IMAGE", TestResources.RUNTIME_IMAGE,
        "WATCH_NAMESPACES", NS, "LEADER_ELECTION", "false", "MANAGEMENT_PORT", "0", "SECRET_CHECKS", "false"));
    assertThat(settings.secretChecks()).isFalse();
    operator = OperatorFactory.create(client, settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> {});
    operator.start();
  }

  @AfterAll
  static void stop() {
    operator.stop();
    client.close();
    server.destroy();
  }

  @Test
  void aMissingSecretDoesNotHoldTheDeploymentAndNoSecretIsRead() throws InterruptedException {
    MicroService ms = TestResources.hello();
    ms.getMetadata().setName("unchecked");
    SaslSpec sasl = new SaslSpec();
    sasl.setUsername("greeter");
    SecretValueSpec password = new SecretValueSpec();
    password.setSecretKeyRef(new SecretKeyRef("kafka-user", "password"));
    sasl.setPassword(password);
    KafkaSecuritySpec security = new KafkaSecuritySpec();
    security.setProtocol(KafkaSecuritySpec.Protocol.SASL_PLAINTEXT);
    security.setSasl(sasl);
    ms.getSpec().getServers().get(1).getKafka().setSecurity(security);
    client.resource(ms).create();

    await().atMost(Duration.ofSeconds(30)).until(() -> client.apps().deployments().inNamespace(NS).withName("unchecked").get() != null);
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("unchecked").get();
    // The Secret is still mounted: a missing one shows when the pod starts.
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("kafka-user"));
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      MicroService current = client.resources(MicroService.class).inNamespace(NS).withName("unchecked").get();
      return current.getStatus() != null && current.getStatus().condition("Ready") != null;
    });
    assertThat(client.resources(MicroService.class).inNamespace(NS).withName("unchecked").get().getStatus().condition("Ready")
        .getReason()).isNotEqualTo("SecretNotFound");

    List<String> paths = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
      paths.add(r.getMethod() + " " + r.getPath());
    }
    assertThat(paths).as("requests of the operator").anySatisfy(p -> assertThat(p).contains("/deployments"))
        .noneSatisfy(p -> assertThat(p).contains("/secrets"));
  }
}
