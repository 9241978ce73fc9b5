package dev.microservice.operator.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceSpec;
import dev.microservice.operator.TestResources;
import dev.microservice.operator.status.Reason;
import dev.microservice.operator.status.SpecProblem;
import dev.microservice.operator.status.StatusCalculator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD on a real kube-apiserver: it is accepted and Established (structural schema, list-map keys and CEL
 * cost are checked by the server itself), the examples are accepted, every manifest of the project's bad set is rejected
 * by the server with the field path, and kubectl explain prints the documentation. The conventions: spec.replicas
 * defaults to 1 (also through /scale), status conditions follow metav1.Condition, the printer columns and the category.
 */
@ExtendWith(LocalClusterExtension.class)
@SuppressWarnings("unchecked")
class CrdOnRealServerIT {
  static final String NS = "crd-checks";
  static KubernetesClient admin;
  static LocalCluster cluster;

  @BeforeAll
  static void crd(LocalCluster localCluster) {
    cluster = localCluster;
    admin = cluster.admin();
    RealCluster.establishCrd(admin);
    RealCluster.namespace(admin, NS);
  }

  static List<Path> examples() throws IOException {
    return TestResources.examples();
  }

  static List<Path> invalid() throws IOException {
    return TestResources.invalidManifests();
  }

  @Test
  void theCrdIsEstablishedWithItsVersionServed() {
    var crd = admin.apiextensions().v1().customResourceDefinitions().withName("microservices.microservice.dev").get();
    assertThat(crd.getStatus().getAcceptedNames().getKind()).isEqualTo("MicroService");
    assertThat(admin.getApiGroups().getGroups()).anySatisfy(g -> assertThat(g.getName()).isEqualTo("microservice.dev"));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAcceptedByTheServer(Path example) throws IOException {
    MicroService ms = Serialization.unmarshal(Files.readString(example), MicroService.class);
    ms.getMetadata().setNamespace(NS);
    MicroService created = admin.resource(ms).dryRun().create();
    assertThat(created.getSpec().getServers()).hasSameSizeAs(ms.getSpec().getServers());
  }

  /** Each file says what the server must answer on a line {@code # server: <text>}; the text holds the field path. */
  @ParameterizedTest
  @MethodSource("invalid")
  void everyBadManifestIsRejectedByTheServerWithItsPath(Path manifest) throws IOException {
    String expected = Files.readAllLines(manifest).stream().filter(l -> l.startsWith("# server: ")).findFirst()
        .orElseThrow(() -> new AssertionError(manifest + " has no '# server: ' line")).substring("# server: ".length());
    GenericKubernetesResource object = Serialization.unmarshal(Files.readString(manifest), GenericKubernetesResource.class);
    object.getMetadata().setNamespace(NS);
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> admin.resource(object).dryRun().create());
    assertThat(e).as("%s was accepted by the server", manifest.getFileName()).isNotNull();
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getDetails().getCauses()).as(e.getMessage())
        .anySatisfy(c -> assertThat(c.getField() + ": " + c.getMessage()).contains(expected));
  }

  @Test
  void kubectlExplainPrintsTheDocumentationOfEmbeddedKubernetesTypes() throws Exception {
    String out = kubectl("explain", "microservice.spec.pod.affinity");
    assertThat(out).contains("KIND:", "MicroService", "FIELD: affinity", "nodeAffinity", "podAntiAffinity");
    assertThat(out.substring(out.indexOf("DESCRIPTION:"))).hasSizeGreaterThan(40);
    assertThat(kubectl("explain", "microservice.spec.env.valueFrom.secretKeyRef")).contains("Selects a key of a secret");
  }

  @Test
  void aMicroServiceWithoutReplicasScalesThroughTheScaleSubresource() throws IOException {
    GenericKubernetesResource stored = admin.resource(helloWithoutReplicas("no-replicas")).serverSideApply();
    assertThat(stored.<Integer>get("spec", "replicas")).as("the schema default").isEqualTo(1);
    Scale scale = admin.resources(MicroService.class).inNamespace(NS).withName("no-replicas").scale();
    assertThat(scale.getSpec().getReplicas()).as("what kubectl scale reads: without the default it is a 500").isEqualTo(1);
    admin.resources(MicroService.class).inNamespace(NS).withName("no-replicas").scale(2);
    assertThat(admin.resources(MicroService.class).inNamespace(NS).withName("no-replicas").get().getSpec().getReplicas())
        .isEqualTo(2);
  }

  @Test
  void kubectlScaleOfAnAutoscaledMicroServiceIsRefusedNamingBothFields() throws IOException {
    GenericKubernetesResource ms = helloWithoutReplicas("autoscaled");
    ((Map<String, Object>) ms.getAdditionalProperties().get("spec")).put("autoscaling",
        Map.of("maxReplicas", 3, "cpuUtilization", 70));
    admin.resource(ms).serverSideApply();
    KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
        () -> admin.resources(MicroService.class).inNamespace(NS).withName("autoscaled").scale(2));
    assertThat(refused).as("the scale subresource goes through the CRD's CEL rules").isNotNull();
    assertThat(refused.getMessage()).contains("spec.replicas and spec.autoscaling cannot both be set");
  }

  @Test
  void replicasAboveTheMaximumAreRefused() throws IOException {
    GenericKubernetesResource ms = helloWithoutReplicas("too-many");
    ((Map<String, Object>) ms.getAdditionalProperties().get("spec")).put("replicas", MicroServiceSpec.MAX_REPLICAS + 1);
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> admin.resource(ms).dryRun().create());
    assertThat(e).isNotNull();
    assertThat(e.getStatus().getDetails().getCauses()).anySatisfy(c -> assertThat(c.getField()).isEqualTo("spec.replicas"));
  }

  @Test
  void aStatusConditionWithoutReasonIsRefusedAndAWellFormedOneAccepted() throws IOException {
    admin.resource(helloWithoutReplicas("status-checks")).serverSideApply();
    var status = admin.genericKubernetesResources("microservice.dev/v1alpha1", "MicroService").inNamespace(NS)
        .withName("status-checks").subresource("status");
    String ready = "{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"AllReplicasReady\",\"message\":\"1 of 1 pods ready\","
        + "\"lastTransitionTime\":\"2026-01-01T10:00:00Z\",\"observedGeneration\":1}";
    String withoutReason = ready.replace("\"reason\":\"AllReplicasReady\",", "");

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> status.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"conditions\":[" + withoutReason + "]}}"));
    assertThat(e).as("a condition without reason was accepted").isNotNull();
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getDetails().getCauses()).as(e.getMessage())
        .anySatisfy(c -> assertThat(c.getField()).isEqualTo("status.conditions[0].reason"));

    GenericKubernetesResource accepted = status.patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"status\":{\"conditions\":[" + ready + "]}}");
    assertThat(accepted.<String>get("status", "conditions", 0, "reason")).isEqualTo("AllReplicasReady");
  }

  @Test
  void theStatusTheOperatorComputesIsAcceptedByTheServer() throws IOException {
    admin.resource(helloWithoutReplicas("computed-status")).serverSideApply();
    MicroService ms = admin.resources(MicroService.class).inNamespace(NS).withName("computed-status").get();
    ms.setStatus(StatusCalculator.compute(ms, null, new SpecProblem(Reason.InvalidSpec, List.of()), null, Instant.now()));
    MicroService patched = admin.resource(ms).patchStatus();
    assertThat(patched.getStatus().condition("Ready").getMessage()).isNotBlank();
  }

  @Test
  void kubectlGetPrintsReadyReplicasAvailableAndAgeLast() throws Exception {
    admin.resource(helloWithoutReplicas("columns")).serverSideApply();
    String header = kubectl("get", "msvc", "-n", NS).lines().findFirst().orElseThrow();
    assertThat(header.trim().split("\\s+")).containsExactly("NAME", "READY", "REPLICAS", "AVAILABLE", "AGE");
    assertThat(kubectl("get", "microservice-operator", "-n", NS)).as("the category").contains("columns");
  }

  @Test
  void kubectlExplainPrintsTheRootDescription() throws Exception {
    String out = kubectl("explain", "msvc");
    String description = out.substring(out.indexOf("DESCRIPTION:"), out.indexOf("FIELDS:"));
    assertThat(description.replaceAll("\\s+", " ")).contains("A MicroService runs endpoint jars in the project's runtime");
    assertThat(kubectl("explain", "msvc.status.conditions.reason")).contains("CamelCase");
  }

  /** The hello example, named {@code name} in {@link #NS}, with no spec.replicas. */
  static GenericKubernetesResource helloWithoutReplicas(String name) throws IOException {
    GenericKubernetesResource ms = Serialization.unmarshal(
        Files.readString(TestResources.ROOT.resolve("examples/hello/microservice.yaml")), GenericKubernetesResource.class);
    ms.getMetadata().setName(name);
    ms.getMetadata().setNamespace(NS);
    ((Map<?, ?>) ms.getAdditionalProperties().get("spec")).remove("replicas");
    return ms;
  }

  private static String kubectl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(cluster.kubectl().toString(),
        "--kubeconfig=" + cluster.adminKubeconfig()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

}
