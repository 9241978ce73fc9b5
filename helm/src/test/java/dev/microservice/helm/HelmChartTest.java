package dev.microservice.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart, linted and rendered by a real (bundled) Helm. */
class HelmChartTest {
  static final Path CHART = Path.of(System.getProperty("chart.dir", "microservice-operator"));
  static final Path ALL_VALUES = Path.of("src/test/resources/all-values.yaml");

  /** Exactly what the operator calls (measured from its requests against the API mock). */
  static final List<String> EXPECTED_RULES = List.of(
      "microservice.dev/microservices: get,list,watch",
      "microservice.dev/microservices/status: patch",
      "apps/deployments: get,list,watch,create,update",
      "/configmaps: get,list,watch,create,update",
      "/services: get,list,watch,create,update,delete",
      "/pods: list,watch",
      "/secrets: get",
      "/events: create");

  static List<HasMetadata> render(Path valuesFile, Map<String, Object> set) {
    var template = new Helm(CHART).template().withName("mso").withNamespace("operators").withKubeVersion("1.33.0");
    if (valuesFile != null) {
      template.withValuesFile(valuesFile);
    }
    set.forEach(template::set);
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : template.call().split("(?m)^---\\s*$")) {
      if (doc.contains("kind:")) {
        objects.add(Serialization.unmarshal(doc));
      }
    }
    return objects;
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<String> rules(List<PolicyRule> rules) {
    return rules.stream().map(r -> String.join(",", r.getApiGroups()) + "/" + String.join(",", r.getResources()) + ": "
        + String.join(",", r.getVerbs())).toList();
  }

  @Test
  void lintStrictPassesWithDefaults() {
    LintResult result = new Helm(CHART).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void lintStrictPassesWithEveryOptionSet() throws IOException {
    Path copy = Path.of("target/lint-all-values/microservice-operator");
    copyChart(copy);
    Files.copy(ALL_VALUES, copy.resolve("values.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    LintResult result = new Helm(copy).lint().strict().call();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(render(ALL_VALUES, Map.of())).isNotEmpty();
  }

  @Test
  void clusterWideRbacGrantsExactlyWhatTheOperatorUses() {
    List<HasMetadata> objects = render(null, Map.of());
    ClusterRole role = all(objects, ClusterRole.class).get(0);
    assertThat(rules(role.getRules())).containsExactlyElementsOf(EXPECTED_RULES);
    assertThat(all(objects, Role.class)).singleElement().satisfies(r -> {
      assertThat(r.getMetadata().getName()).isEqualTo("mso-microservice-operator-leader-election");
      assertThat(rules(r.getRules())).containsExactly("coordination.k8s.io/leases: get,create,update,patch");
    });
    assertThat(objects).flatExtracting(o -> o instanceof ClusterRole c ? c.getRules() : o instanceof Role r ? r.getRules() : List.of())
        .allSatisfy(rule -> {
          PolicyRule r = (PolicyRule) rule;
          assertThat(r.getVerbs()).doesNotContain("*");
          assertThat(r.getResources()).doesNotContain("*");
          if (r.getResources().contains("secrets")) {
            assertThat(r.getVerbs()).isSubsetOf("get", "list", "watch");
          }
        });
  }

  @Test
  void watchNamespacesGivesARolePerNamespaceAndNoClusterRole() {
    List<HasMetadata> objects = render(ALL_VALUES, Map.of());
    assertThat(all(objects, ClusterRole.class)).isEmpty();
    List<Role> roles = all(objects, Role.class).stream().filter(r -> !r.getMetadata().getName().endsWith("leader-election")).toList();
    assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactly("team-a", "team-b");
    roles.forEach(r -> assertThat(rules(r.getRules())).containsExactlyElementsOf(EXPECTED_RULES));
    Deployment d = all(objects, Deployment.class).get(0);
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> {
          assertThat(e.getName()).isEqualTo("WATCH_NAMESPACES");
          assertThat(e.getValue()).isEqualTo("team-a,team-b");
        });
  }

  @Test
  void operatorPodIsRestrictedAndConfigured() {
    Deployment d = all(render(null, Map.of()), Deployment.class).get(0);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().get(0);
    var sc = container.getSecurityContext();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getImage()).isEqualTo("ghcr.io/microservice-operator/operator:" + System.getProperty("project.version"));
    assertThat(container.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("RUNTIME_IMAGE");
      assertThat(e.getValue()).isEqualTo("ghcr.io/microservice-operator/runtime:" + System.getProperty("project.version"));
    });
    assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("POD_NAMESPACE"));
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
  }

  @Test
  void badValuesFailWithASchemaError() {
    assertThat(failure(Map.of("replicaCount", -1))).contains("replicaCount").contains("minimum");
    assertThat(failure(Map.of("replicaCount", "two"))).contains("replicaCount");
    assertThat(failure(Map.of("unknownKey", "x"))).contains("unknownKey");
    assertThat(failure(Map.of("image.pullPolicy", "Sometimes"))).contains("pullPolicy");
    assertThat(failure(Map.of("replicaCount", 2, "leaderElection.enabled", false))).contains("replicaCount above 1 needs leaderElection.enabled");
  }

  @Test
  void chartCrdEqualsTheGeneratedOne() throws IOException {
    assertThat(Files.readString(CHART.resolve("crds/microservices.microservice.dev-v1.yml")))
        .as("helm/microservice-operator/crds is stale: copy crds/microservices.microservice.dev-v1.yml into it")
        .isEqualTo(Files.readString(Path.of(System.getProperty("crd.file"))));
  }

  @Test
  void chartVersionsFollowTheProject() throws IOException {
    String chart = Files.readString(CHART.resolve("Chart.yaml"));
    String version = System.getProperty("project.version");
    assertThat(chart).contains("\nversion: " + version + "\n").contains("\nappVersion: \"" + version + "\"\n");
  }

  static String failure(Map<String, Object> set) {
    Throwable t = catchThrowable(() -> render(null, set));
    assertThat(t).as("expected %s to be refused", set).isNotNull();
    return t.getMessage();
  }

  static void copyChart(Path target) throws IOException {
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path p : files.toList()) {
        Path dest = target.resolve(CHART.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
