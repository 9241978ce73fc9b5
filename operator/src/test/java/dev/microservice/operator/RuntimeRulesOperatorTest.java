package dev.microservice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each manifest of {@code model/src/test/resources/runtime-rules}, which the runtime would refuse at start, is
 * reported on the MicroService's status (Ready=False, InvalidSpec, the problem's path and message) and in a
 * Warning event, and the operator writes no Deployment for it.
 */
class RuntimeRulesOperatorTest {
  static final String NS = "shop";
  static KubernetesMockServer server;
  static KubernetesClient client;
  static OperatorOnMockServer running;

  @BeforeAll
  static void start() {
    running = OperatorOnMockServer.start(NS, java.util.Map.of());
    server = running.server();
    client = running.client();
  }

  @AfterAll
  static void stop() {
    running.close();
  }

  /** The corpus, without the manifests an API server never stores (an explicit null is dropped before the operator). */
  static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(TestResources.ROOT.resolve("model/src/test/resources/runtime-rules"))) {
      return files.sorted().filter(f -> !read(f).contains("\n# operator: not applicable")).toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("manifests")
  void reportsTheProblemOnTheStatusAndWritesNoDeployment(Path manifest) throws IOException {
    String expected = Files.readAllLines(manifest).stream().filter(l -> l.startsWith("# expect: ")).findFirst().orElseThrow()
        .substring("# expect: ".length());
    String name = manifest.getFileName().toString().replace(".yaml", "");
    MicroService ms = TestResources.read(manifest, MicroService.class);
    ms.getMetadata().setName(name);
    ms.getMetadata().setNamespace(NS);
    client.resource(ms).create();

    await().atMost(Duration.ofSeconds(30)).until(() -> ready(name) != null);
    Condition ready = ready(name);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage()).isEqualTo(expected);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> name.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())
            && "InvalidSpec".equals(e.getReason()) && e.getMessage().contains(expected)));
    assertThat(client.apps().deployments().inNamespace(NS).withName(name).get()).isNull();
    assertThat(client.configMaps().inNamespace(NS).withName(name + "-runtime").get()).isNull();
  }

  private static Condition ready(String name) {
    MicroService ms = client.resources(MicroService.class).inNamespace(NS).withName(name).get();
    return ms == null || ms.getStatus() == null ? null : ms.getStatus().condition("Ready");
  }
}
