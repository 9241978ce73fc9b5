package dev.microservice.operator.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The helm test's readiness check against fabric8's API mock, as the API server's service proxy. */
class ReadinessCheckTest {
  static final String PROXY = "/api/v1/namespaces/operators/services/mso-microservice-operator-metrics:http-metrics/proxy/readyz";
  static final Map<String, String> ENV = Map.of("READINESS_NAMESPACE", "operators",
      "READINESS_SERVICE", "mso-microservice-operator-metrics", "READINESS_PORT", "http-metrics", "READINESS_TIMEOUT_SECONDS", "0");

  KubernetesMockServer server;
  KubernetesClient client;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    // As ReadinessCheck.main configures it: no retries by the client itself.
    client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(server.createClient().getConfiguration()).withRequestRetryBackoffLimit(0).build()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  int run(Map<String, String> env) {
    return ReadinessCheck.run(client, env, Duration.ofMillis(10), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readyWhenTheProxyAnswers200() throws InterruptedException {
    server.expect().get().withPath(PROXY).andReturn(200, "ok").once();
    assertThat(run(ENV)).isEqualTo(ReadinessCheck.READY);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Operator ready").contains(PROXY.substring(1));
    assertThat(server.getLastRequest().getPath()).isEqualTo(PROXY);
  }

  @Test
  void notReadyOn503WithTheStatusAndBody() {
    server.expect().get().withPath(PROXY).andReturn(503, "not ready: leader election pending").always();
    assertThat(run(ENV)).isEqualTo(ReadinessCheck.NOT_READY);
    assertThat(err()).contains("Operator not ready").contains("answered 503").contains("not ready: leader election pending")
        .contains(PROXY.substring(1));
  }

  @Test
  void forbiddenNamesThePermission() {
    server.expect().get().withPath(PROXY).andReturn(403, "forbidden").always();
    assertThat(run(ENV)).isEqualTo(ReadinessCheck.NOT_READY);
    assertThat(err()).contains("answered 403").contains("services/proxy");
  }

  @Test
  void retriesUntilReadyWithinTheTimeout() {
    server.expect().get().withPath(PROXY).andReturn(503, "starting").times(2);
    server.expect().get().withPath(PROXY).andReturn(200, "ok").once();
    Map<String, String> env = new HashMap<>(ENV);
    env.put("READINESS_TIMEOUT_SECONDS", "30");
    assertThat(run(env)).isEqualTo(ReadinessCheck.READY);
    assertThat(err()).contains("Not ready yet, retrying").contains("answered 503");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void missingEnvironmentNamesTheVariable() {
    Map<String, String> env = new HashMap<>(ENV);
    env.remove("READINESS_SERVICE");
    assertThat(run(env)).isEqualTo(ReadinessCheck.MISCONFIGURED);
    assertThat(err()).contains("READINESS_SERVICE is not set");
    env.put("READINESS_SERVICE", "s");
    env.put("READINESS_TIMEOUT_SECONDS", "soon");
    assertThat(run(env)).isEqualTo(ReadinessCheck.MISCONFIGURED);
    assertThat(err()).contains("READINESS_TIMEOUT_SECONDS must be a number of seconds, got 'soon'");
  }
}
