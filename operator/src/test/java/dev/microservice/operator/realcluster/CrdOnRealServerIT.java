package dev.microservice.operator.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import dev.microservice.model.MicroService;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD on a real kube-apiserver: it is accepted and Established (structural schema, list-map keys and CEL
 * cost are checked by the server itself), the examples are accepted, every manifest of the project's bad set is rejected
 * by the server with the field path, and kubectl explain prints the documentation.
 */
@ExtendWith(LocalClusterExtension.class)
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
