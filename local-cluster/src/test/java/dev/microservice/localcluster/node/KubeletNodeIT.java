package dev.microservice.localcluster.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node: the kubelet built with the control plane, containerd 1.6 and runc from Debian, a CNI bridge. A pod from
 * an image built offline runs under the restricted Pod Security Standard, serves HTTP on its pod IP, logs, gets Ready by
 * its probe and stops when deleted; PodSecurity admission refuses a root pod; close leaves nothing behind.
 */
@ExtendWith(LocalClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeletNodeIT {
  private static final String NAMESPACE = "restricted";
  private static final String IMAGE = "local-cluster.test/busybox:1.35";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalCluster cluster;
  private static KubeletNode node;
  private static List<String> imported;
  private static Path work;

  @BeforeAll
  static void start(LocalCluster localCluster, @TempDir Path workDir) {
    cluster = localCluster;
    work = workDir;
    node = KubeletNode.start(cluster);
    // busybox-static's one binary; the pod's user must be able to write nowhere but its volumes.
    Path image = ScratchImage.named(IMAGE).file(HostTools.require("/bin/busybox", "busybox-static"), "/bin/busybox")
        .symlink("/bin/sh", "busybox").directory("/tmp", "rwxrwxrwx").user("65532:65532").writeTarball(work);
    imported = node.importImage(image);
    cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
        .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest"))
        .endMetadata().build()).create();
    await("the default ServiceAccount of " + NAMESPACE).atMost(Duration.ofSeconds(60))
        .until(() -> cluster.admin().serviceAccounts().inNamespace(NAMESPACE).withName("default").get() != null);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void theRealKubeletRegistersTheNodeReady() {
    Node registered = cluster.admin().nodes().withName(node.name()).get();
    assertThat(registered.getStatus().getNodeInfo().getKubeletVersion())
        .isEqualTo("v" + cluster.binaries().kubernetesVersion());
    assertThat(registered.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("containerd://1.6");
    assertThat(registered.getStatus().getAddresses()).extracting(NodeAddress::getType, NodeAddress::getAddress)
        .contains(org.assertj.core.groups.Tuple.tuple("InternalIP", node.ip()));
    assertThat(registered.getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("Ready");
          assertThat(c.getStatus()).isEqualTo("True");
          assertThat(c.getReason()).isEqualTo("KubeletReady");
        });
    assertThat(imported).containsExactly(IMAGE);
    assertThat(node.containerd().images()).contains(IMAGE, PauseImage.NAME);
  }

  @Test
  @Order(2)
  void importsTarballsAsOtherToolsWriteThem() throws IOException {
    Path layout = work.resolve(IMAGE.replaceAll("[^A-Za-z0-9._-]", "_") + ".oci"); // left by ScratchImage
    // Jib's OCI tarball: the full name in org.opencontainers.image.ref.name only.
    Path jib = retar(layout, "jib.tar", dir -> index(dir, Map.of("org.opencontainers.image.ref.name",
        "ghcr.io/example/jib-style:1.0")));
    assertThat(node.importImage(jib)).containsExactly("ghcr.io/example/jib-style:1.0");
    // umoci/skopeo style: a bare tag, named by the caller.
    Path tagOnly = retar(layout, "tag-only.tar", dir -> index(dir, Map.of("org.opencontainers.image.ref.name", "2.0")));
    assertThatThrownBy(() -> node.importImage(tagOnly)).hasMessageContaining("pass a base name");
    assertThat(node.importImage(tagOnly, "ghcr.io/example/tag-only")).containsExactly("ghcr.io/example/tag-only:2.0");
    // docker-archive (docker save, Jib's Docker format): manifest.json with RepoTags.
    Path docker = retar(layout, "docker.tar", KubeletNodeIT::dockerArchive);
    assertThat(node.importImage(docker)).containsExactly("docker.io/example/docker-archive:3.0");
    assertThat(node.containerd().images()).contains("ghcr.io/example/jib-style:1.0", "ghcr.io/example/tag-only:2.0",
        "docker.io/example/docker-archive:3.0");
  }

  @Test
  @Order(3)
  void aRestrictedPodRunsServesLogsGetsReadyAndStopsWhenDeleted() throws Exception {
    KubernetesClient admin = cluster.admin();
    admin.pods().inNamespace(NAMESPACE).resource(pod("web", true)).create();
    Pod ready = await("pod web Ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
        .until(() -> admin.pods().inNamespace(NAMESPACE).withName("web").get(), KubeletNodeIT::isReady);
    String ip = ready.getStatus().getPodIP();
    assertThat(ready.getSpec().getNodeName()).isEqualTo(node.name());
    assertThat(ip).startsWith(node.podCidr().substring(0, node.podCidr().lastIndexOf('.') + 1));

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello from web\n");

    // pods/log: the apiserver asks the kubelet, which authenticates it by certificate and authorizes it by webhook.
    await("the pod's log").atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      String log = admin.pods().inNamespace(NAMESPACE).withName("web").getLog();
      assertThat(log).contains("uid=65532", "serving on 8080", "inet 127.0.0.1/8", "inet " + ip + "/24");
      // No default route in the pod: it reaches its /24 (and the host on it), nothing beyond.
      assertThat(log).doesNotContain("default via").contains(node.podCidr().replace(".0/24", ".0/24 dev eth0"));
    });
    assertThat(node.containerd().runningTasks()).hasSize(2); // the sandbox (pause) and the container

    admin.pods().inNamespace(NAMESPACE).withName("web").delete();
    await("pod web gone").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
        .until(() -> admin.pods().inNamespace(NAMESPACE).withName("web").get() == null);
    await("its containers stopped").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
        .until(() -> node.containerd().runningTasks().isEmpty());
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
  }

  @Test
  @Order(4)
  void podSecurityAdmissionRefusesAPodThatMayRunAsRoot() {
    assertThatThrownBy(() -> cluster.admin().pods().inNamespace(NAMESPACE).resource(pod("root", false)).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403))
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
        .hasMessageContaining("runAsNonRoot != true");
  }

  @Test
  @Order(5)
  void closeStopsAndRemovesEverythingItStarted() throws IOException {
    List<Long> pids = node.processIds();
    assertThat(pids).hasSizeGreaterThanOrEqualTo(2); // kubelet and containerd at least
    Path dir = node.dir();
    String bridge = node.network().bridge();
    String cgroup = node.cgroupRoot();
    assertThat(Mounts.under(dir)).isNotEmpty(); // the kubelet's rshared root at least

    node.close();

    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    assertThat(node.processIds()).isEmpty();
    assertThat(Mounts.under(dir)).isEmpty();
    if (System.getenv("LOCAL_CLUSTER_KEEP") == null) {
      assertThat(dir).doesNotExist();
    }
    assertThat(Path.of("/sys/class/net", bridge)).doesNotExist();
    try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
      assertThat(hierarchies.map(h -> h.resolve(cgroup.substring(1)))).allSatisfy(p -> assertThat(p).doesNotExist());
    }
    assertThat(cluster.admin().nodes().withName(node.name()).get()).isNull();
  }

  /** Copies an OCI layout, lets the edit change it, and archives the result. */
  private static Path retar(Path layout, String name, IoConsumer<Path> edit) throws IOException {
    Path copy = work.resolve(name + ".d");
    HostCommand.run("cp", "-a", layout.toString(), copy.toString());
    edit.accept(copy);
    Path tarball = work.resolve(name);
    HostCommand.run("tar", "-C", copy.toString(), "-cf", tarball.toString(), ".");
    return tarball;
  }

  private static void index(Path layout, Map<String, String> annotations) throws IOException {
    ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
    index.withArray("manifests").forEach(m -> ((ObjectNode) m).set("annotations", JSON.valueToTree(annotations)));
    JSON.writeValue(layout.resolve("index.json").toFile(), index);
  }

  /** Turns the OCI layout into a docker-archive: manifest.json naming the config and layer blobs, no index. */
  private static void dockerArchive(Path layout) throws IOException {
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    String manifestDigest = index.get("manifests").get(0).get("digest").asText();
    JsonNode manifest = JSON.readTree(layout.resolve("blobs/sha256/" + manifestDigest.substring(7)).toFile());
    List<String> layers = new java.util.ArrayList<>();
    manifest.get("layers").forEach(l -> layers.add("blobs/sha256/" + l.get("digest").asText().substring(7)));
    String config = "blobs/sha256/" + manifest.get("config").get("digest").asText().substring(7);
    JSON.writeValue(layout.resolve("manifest.json").toFile(), List.of(Map.of("Config", config,
        "RepoTags", List.of("example/docker-archive:3.0"), "Layers", layers)));
    Files.delete(layout.resolve("index.json"));
    Files.delete(layout.resolve("oci-layout"));
  }

  /** An edit that may throw IOException. */
  @FunctionalInterface
  private interface IoConsumer<T> {
    void accept(T value) throws IOException;
  }

  private static boolean isReady(Pod pod) {
    return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A pod that passes the restricted standard only with runAsNonRoot. */
  private static Pod pod(String name, boolean runAsNonRoot) {
    String script = """
        id; ip -o addr; ip route
        echo hello from $(hostname) > /www/index.html
        trap 'echo stopping; exit 0' TERM
        httpd -f -v -p 8080 -h /www & echo serving on 8080
        wait
        """;
    return new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", name)).endMetadata()
        .withNewSpec()
        .withNodeSelector(Map.of("kubernetes.io/hostname", node.name()))
        .withTerminationGracePeriodSeconds(10L)
        .withNewSecurityContext().withRunAsNonRoot(runAsNonRoot).withRunAsUser(65532L).withRunAsGroup(65532L)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewContainer().withName("httpd").withImage(IMAGE).withImagePullPolicy("Never")
        .withCommand("/bin/busybox", "sh", "-c", script)
        .addNewPort().withContainerPort(8080).withName("http").endPort()
        .withNewReadinessProbe().withNewHttpGet().withPath("/").withNewPort(8080).endHttpGet()
        .withPeriodSeconds(1).endReadinessProbe()
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withRunAsNonRoot(runAsNonRoot)
        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
        .addNewVolumeMount().withName("www").withMountPath("/www").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("www").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec().build();
  }
}
