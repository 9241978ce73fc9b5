package dev.microservice.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The operator running against fabric8's mock server in CRUD mode, with the committed CRD, watching one namespace
 * without leader election: for fast tests of what the operator writes (no admission, RBAC or controllers).
 *
 * @param server the mock server
 * @param client a client of it
 * @param operator the started operator
 */
public record OperatorOnMockServer(KubernetesMockServer server, KubernetesClient client, MicroServiceOperator operator)
    implements AutoCloseable {
  /**
   * @param namespace the namespace to watch
   * @param env more operator environment (e.g. SECRET_CHECKS), on top of RUNTIME_IMAGE and the above
   * @return the operator, started
   */
  public static OperatorOnMockServer start(String namespace, Map<String, String> env) {
    var responses = new HashMap<ServerRequest, Queue<ServerResponse>>();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    KubernetesClient client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions()
        .resource(TestResources.read(TestResources.ROOT.resolve("crds/microservices.microservice.dev-v1.yml"), CustomResourceDefinition.class))
        .create();
    Map<String, String> all = new HashMap<>(Map.of("RUNTIME_IMAGE", TestResources.RUNTIME_IMAGE, "WATCH_NAMESPACES", namespace,
        "LEADER_ELECTION", "false", "MANAGEMENT_PORT", "0"));
    all.putAll(env);
    MicroServiceOperator operator = OperatorFactory.create(client, OperatorSettings.fromEnv(all),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> {});
    operator.start();
    return new OperatorOnMockServer(server, client, operator);
  }

  @Override
  public void close() {
    operator.stop();
    client.close();
    server.destroy();
  }
}
