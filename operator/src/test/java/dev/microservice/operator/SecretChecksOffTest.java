package dev.microservice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.KafkaSecuritySpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.SaslSpec;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With SECRET_CHECKS=false (chart value secretChecks.enabled: false) the operator never reads a Secret. */
class SecretChecksOffTest {
  static final String NS = "shop";
  static KubernetesMockServer server;
  static KubernetesClient client;
  static OperatorOnMockServer running;

  @BeforeAll
  static void start() {
    assertThat(OperatorSettings.fromEnv(java.util.Map.of("RUNTIME_IMAGE", TestResources.RUNTIME_IMAGE, "SECRET_CHECKS", "false"))
        .secretChecks()).isFalse();
    running = OperatorOnMockServer.start(NS, java.util.Map.of("SECRET_CHECKS", "false"));
    server = running.server();
    client = running.client();
  }

  @AfterAll
  static void stop() {
    running.close();
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
