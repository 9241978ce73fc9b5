package dev.microservice.docs.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/install.md, run as a user runs it: on the real cluster of {@code ./msvc cluster up --without-operator} (a
 * control plane and a kubelet with containerd and runc), with the real kubectl, helm and ctr of its {@code env} file,
 * every block marked {@code run by: InstallGuideIT} in order; after some sections, checks of what the commands cannot
 * show by their exit code (the Deployment scaled by the edit user, each release's own Lease, /scale of an unset
 * replicas).
 */
class InstallGuideIT {
  static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static final Path GUIDE = ROOT.resolve("docs/install.md");
  static final Path HOME = ROOT.resolve("docs/target/install guide cluster");
  static KubernetesClient client;

  @BeforeAll
  static void up() throws Exception {
    String out = run(List.of(ROOT.resolve("msvc").toString(), "cluster", "up", "--without-operator"), Duration.ofMinutes(25));
    System.out.println(out);
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
        Files.readString(HOME.resolve("kubeconfig"), StandardCharsets.UTF_8))).build();
  }

  @AfterAll
  static void down() throws Exception {
    if (client != null) {
      client.close();
      client = null;
    }
    System.out.println(run(List.of(ROOT.resolve("msvc").toString(), "cluster", "down"), Duration.ofMinutes(5)));
  }

  @TestFactory
  Stream<DynamicTest> theGuideRunsAsWritten() throws Exception {
    List<GuideBlocks.Block> blocks = GuideBlocks.runBy(ROOT, "docs/install.md", getClass().getSimpleName());
    Map<String, Check> checks = checks();
    assertThat(blocks.stream().map(GuideBlocks.Block::section).distinct().toList())
        .as("sections of %s with blocks this test runs", GUIDE).containsAll(checks.keySet());
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      GuideBlocks.Block block = blocks.get(i);
      boolean lastOfSection = i + 1 == blocks.size() || !blocks.get(i + 1).section().equals(block.section());
      Check check = lastOfSection ? checks.get(block.section()) : null;
      tests.add(DynamicTest.dynamicTest(block.section() + ": " + block.script().lines().findFirst().orElse(""), () -> {
        String output = runBlock(block.script());
        assertThat(output).as("output of%n%s", block.script()).contains(block.block().expect());
        if (check != null) {
          check.run();
        }
      }));
    }
    return tests.stream();
  }

  /** What each section's commands should have done, beyond their exit codes. */
  private static Map<String, Check> checks() {
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put("3. Install the chart", () -> assertThat(lease("microservice-system")).isNotNull());
    checks.put("5. Run the hello MicroService", () -> {
      // A MicroService without replicas: the schema's default makes /scale report 1, which an HPA reads as enabled.
      var service = Map.of("name", "hello", "endpoint", "hello");
      var namespace = Map.of("name", "greeter", "services", List.of(service));
      var server = Map.of("name", "rpc", "grpc", Map.of("port", 9090), "namespaces", List.of(namespace));
      var spec = Map.of("endpoints", Map.of("image", "ghcr.io/microservice-operator/hello-endpoint:0.1.0-SNAPSHOT"),
          "servers", List.of(server));
      client.resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
          .withApiVersion("microservice.dev/v1alpha1").withKind("MicroService")
          .withNewMetadata().withName("no-replicas").withNamespace("shop").endMetadata()
          .addToAdditionalProperties("spec", spec).build()).create();
      String scale = client.raw(client.getMasterUrl() + "apis/microservice.dev/v1alpha1/namespaces/shop/microservices/no-replicas/scale");
      assertThat(scale).as("/scale of a MicroService without replicas").contains("\"replicas\":1");
      client.resources(MicroService.class).inNamespace("shop").withName("no-replicas").delete();
    });
    checks.put("6. Let your users manage MicroServices", () -> await("the edit user's scale reaches the Deployment")
        .atMost(Duration.ofMinutes(2)).until(() -> {
          var deployment = client.apps().deployments().inNamespace("alice").withName("greeter").get();
          return deployment != null && deployment.getSpec().getReplicas() == 2;
        }));
    checks.put("7. Upgrade", () -> {
      var crd = client.apiextensions().v1().customResourceDefinitions().withName("microservices.microservice.dev").get();
      assertThat(crd.getMetadata().getManagedFields()).as("the CRD applied server-side by kubectl")
          .anyMatch(f -> "Apply".equals(f.getOperation()) && f.getManager().startsWith("kubectl"));
    });
    checks.put("8. Uninstall", () -> assertThat(client.resources(MicroService.class).inNamespace("shop").withName("greeter").get())
        .as("a MicroService outlives the operator's uninstall").isNotNull());
    checks.put("Several installs", () -> {
      Lease a = lease("team-a");
      Lease b = lease("team-b");
      assertThat(a.getSpec().getHolderIdentity()).as("team-a's leader").startsWith("team-a-");
      assertThat(b.getSpec().getHolderIdentity()).as("team-b's leader").startsWith("team-b-");
    });
    return checks;
  }

  /** @return the one Lease in the namespace once it has a holder */
  private static Lease lease(String namespace) {
    return await("a held Lease in " + namespace).atMost(Duration.ofMinutes(2)).until(() -> {
      List<Lease> leases = client.leases().inNamespace(namespace).list().getItems();
      return leases.size() == 1 && leases.get(0).getSpec().getHolderIdentity() != null ? leases.get(0) : null;
    }, java.util.Objects::nonNull);
  }

  /** Runs a block with bash from the repository root, in the cluster's shell set-up; fails with its output. */
  private static String runBlock(String script) throws Exception {
    String env = HOME.resolve("env").toString().replace("'", "'\\''");
    return run(List.of("bash", "-euo", "pipefail", "-c", ". '" + env + "'\n" + script), Duration.ofMinutes(10));
  }

  private static String run(List<String> command, Duration timeout) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
    builder.environment().put("MSVC_CLUSTER_HOME", HOME.toString());
    Path log = Files.createTempFile("install-guide", ".log");
    Process p = builder.redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(ended).as("%s did not end within %s:%n%s", command, timeout, out).isTrue();
    assertThat(p.exitValue()).as("%s failed:%n%s%n%s", command, out, diagnostics()).isZero();
    return out;
  }

  /** The cluster's pods and the recent events, for a failure's message. */
  private static String diagnostics() {
    if (client == null) {
      return "";
    }
    StringBuilder s = new StringBuilder("Pods:\n");
    client.pods().inAnyNamespace().list().getItems().forEach(p -> s.append("  ").append(p.getMetadata().getNamespace())
        .append('/').append(p.getMetadata().getName()).append(' ').append(p.getStatus().getPhase()).append('\n'));
    s.append("Events:\n");
    client.v1().events().inAnyNamespace().list().getItems().stream().skip(Math.max(0,
        client.v1().events().inAnyNamespace().list().getItems().size() - 30)).forEach(e -> s.append("  ")
        .append(e.getInvolvedObject().getName()).append(": ").append(e.getReason()).append(' ').append(e.getMessage()).append('\n'));
    return s.toString();
  }

  /** A check that may throw. */
  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }
}
