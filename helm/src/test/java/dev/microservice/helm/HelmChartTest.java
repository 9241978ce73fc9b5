package dev.microservice.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.DryRun;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
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
      "apps/deployments: get,list,watch,create,patch",
      "/configmaps: get,list,watch,create,update,delete",
      "/services: get,list,watch,create,update,delete",
      "/pods: list,watch",
      "autoscaling/horizontalpodautoscalers: get,list,watch,create,update,delete",
      "policy/poddisruptionbudgets: get,list,watch,create,update,delete",
      "keda.sh/scaledobjects,triggerauthentications: get,list,watch,create,update,delete",
      "/secrets: list,watch",
      "/events: create");

  static List<HasMetadata> render(Path valuesFile, Map<String, Object> set) {
    return render(CHART, "mso", "operators", valuesFile, set);
  }

  static List<HasMetadata> render(Path chart, String release, String namespace, Path valuesFile, Map<String, Object> set) {
    var template = new Helm(chart).template().withName(release).withNamespace(namespace).withKubeVersion("1.33.0");
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
    ClusterRole role = all(objects, ClusterRole.class).stream()
        .filter(c -> c.getMetadata().getName().equals("mso-microservice-operator-operators")).findFirst().orElseThrow();
    assertThat(rules(role.getRules())).containsExactlyElementsOf(EXPECTED_RULES);
    assertThat(all(objects, Role.class)).singleElement().satisfies(r -> {
      assertThat(r.getMetadata().getName()).isEqualTo("mso-microservice-operator-leader-election");
      assertThat(rules(r.getRules())).containsExactly("coordination.k8s.io/leases: create", "coordination.k8s.io/leases: get,update,patch");
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
    assertThat(all(objects, ClusterRole.class)).extracting(c -> c.getMetadata().getName())
        .as("only the aggregated user roles").allSatisfy(n -> assertThat(n).matches(".*-(view|edit|admin)"));
    List<Role> roles = all(objects, Role.class).stream().filter(r -> !r.getMetadata().getName().endsWith("leader-election")).toList();
    assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactly("team-a", "team-b");
    assertThat(roles).extracting(r -> r.getMetadata().getName()).containsOnly("platform-msop-operators");
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

  static Container operatorContainer(List<HasMetadata> objects) {
    return all(objects, Deployment.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not set in " + container.getEnv()));
  }

  @Test
  void eachReleaseElectsItsLeaderThroughItsOwnLease() {
    for (String release : List.of("mso", "second")) {
      List<HasMetadata> objects = render(CHART, release, "operators", null, Map.of());
      String lease = release + "-microservice-operator-leader";
      assertThat(env(operatorContainer(objects), "LEASE_NAME")).isEqualTo(lease);
      Role role = all(objects, Role.class).stream().filter(r -> r.getMetadata().getName().endsWith("-leader-election"))
          .findFirst().orElseThrow();
      assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getResources()).containsExactly("leases"));
      assertThat(role.getRules()).anySatisfy(r -> {
        assertThat(r.getVerbs()).containsExactly("create");
        assertThat(r.getResourceNames()).as("create cannot be restricted by name").isEmpty();
      });
      assertThat(role.getRules()).anySatisfy(r -> {
        assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
        assertThat(r.getResourceNames()).containsExactly(lease);
      });
      assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getVerbs()).contains("create", "get"));
    }
  }

  @Test
  void aggregatedRolesAddMicroServicesToViewEditAndAdmin() {
    List<HasMetadata> objects = render(null, Map.of());
    Map<String, ClusterRole> byName = new java.util.HashMap<>();
    all(objects, ClusterRole.class).forEach(c -> byName.put(c.getMetadata().getName(), c));
    ClusterRole view = byName.get("mso-microservice-operator-operators-view");
    ClusterRole edit = byName.get("mso-microservice-operator-operators-edit");
    ClusterRole admin = byName.get("mso-microservice-operator-operators-admin");
    assertThat(view.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
    assertThat(edit.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true");
    assertThat(admin.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
    assertThat(verbs(view, "microservices")).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(verbs(view, "microservices/status")).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(verbs(view, "microservices/scale")).containsExactlyInAnyOrder("get", "list", "watch");
    for (ClusterRole writer : List.of(edit, admin)) {
      assertThat(verbs(writer, "microservices")).containsExactlyInAnyOrder("get", "list", "watch", "create", "update", "patch", "delete");
      assertThat(verbs(writer, "microservices/scale")).containsExactlyInAnyOrder("get", "list", "watch", "update", "patch");
      assertThat(verbs(writer, "microservices/status")).containsExactlyInAnyOrder("get", "list", "watch");
      assertThat(writer.getRules()).allSatisfy(r -> assertThat(r.getApiGroups()).containsExactly("microservice.dev"));
    }
    assertThat(all(render(null, Map.of("rbac.aggregateToDefaultRoles", false)), ClusterRole.class))
        .extracting(c -> c.getMetadata().getName()).containsExactly("mso-microservice-operator-operators");
  }

  static List<String> verbs(ClusterRole role, String resource) {
    return role.getRules().stream().filter(r -> r.getResources().contains(resource)).flatMap(r -> r.getVerbs().stream()).toList();
  }

  @Test
  void nameOverridesNameEveryObject() {
    List<HasMetadata> named = render(null, Map.of("nameOverride", "msop"));
    Deployment d = all(named, Deployment.class).get(0);
    assertThat(d.getMetadata().getName()).isEqualTo("mso-msop");
    assertThat(d.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "msop");
    List<HasMetadata> full = render(null, Map.of("fullnameOverride", "operator"));
    assertThat(full).filteredOn(o -> o.getMetadata().getNamespace() != null)
        .extracting(o -> o.getMetadata().getName()).allSatisfy(n -> assertThat(n).startsWith("operator"));
    assertThat(all(full, Deployment.class).get(0).getMetadata().getName()).isEqualTo("operator");
    assertThat(env(operatorContainer(full), "LEASE_NAME")).isEqualTo("operator-leader");
    assertThat(all(full, io.fabric8.kubernetes.api.model.Service.class).get(0).getMetadata().getName()).isEqualTo("operator-metrics");
  }

  @Test
  void clusterScopedNamesIncludeTheReleaseNamespace() {
    List<String> first = clusterScopedNames(render(CHART, "mso", "team-a", null, Map.of()));
    List<String> second = clusterScopedNames(render(CHART, "mso", "team-b", null, Map.of()));
    assertThat(first).hasSize(5).allSatisfy(n -> assertThat(n).startsWith("mso-microservice-operator-team-a"));
    assertThat(first).doesNotContainAnyElementsOf(second);
    ClusterRoleBinding binding = all(render(CHART, "mso", "team-a", null, Map.of()), ClusterRoleBinding.class).get(0);
    assertThat(binding.getRoleRef().getName()).isEqualTo("mso-microservice-operator-team-a");
  }

  static List<String> clusterScopedNames(List<HasMetadata> objects) {
    return objects.stream().filter(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding)
        .map(o -> o.getMetadata().getName()).toList();
  }

  static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  @Test
  void digestsWinOverTagsAndTheGlobalRegistryReplacesTheRegistry() {
    Container c = operatorContainer(render(null, Map.of("image.digest", DIGEST, "image.tag", "9.9.9", "runtimeImage.digest", DIGEST)));
    assertThat(c.getImage()).isEqualTo("ghcr.io/microservice-operator/operator@" + DIGEST);
    assertThat(env(c, "RUNTIME_IMAGE")).isEqualTo("ghcr.io/microservice-operator/runtime@" + DIGEST);
    Container mirrored = operatorContainer(render(null, Map.of("global.imageRegistry", "mirror.example.com:5000")));
    String version = System.getProperty("project.version");
    assertThat(mirrored.getImage()).isEqualTo("mirror.example.com:5000/microservice-operator/operator:" + version);
    assertThat(env(mirrored, "RUNTIME_IMAGE")).isEqualTo("mirror.example.com:5000/microservice-operator/runtime:" + version);
    Container both = operatorContainer(render(null, Map.of("global.imageRegistry", "mirror.example.com/dockerhub",
        "image.repository", "acme/operator", "image.digest", DIGEST, "runtimeImage.repository", "localhost/runtime")));
    assertThat(both.getImage()).as("a repository without a registry gets the registry prepended")
        .isEqualTo("mirror.example.com/dockerhub/acme/operator@" + DIGEST);
    assertThat(env(both, "RUNTIME_IMAGE")).isEqualTo("mirror.example.com/dockerhub/runtime:" + version);
    assertThat(failure(Map.of("image.digest", "latest"))).contains("digest");
  }

  @Test
  void securityContextsAreValuesAndTheFixedUserCanBeDropped() {
    PodSpec pod = all(render(null, Map.of()), Deployment.class).get(0).getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
    PodSpec openShift = all(render(null, Map.of("podSecurityContext.runAsUser", "null", "podSecurityContext.runAsGroup", "null")),
        Deployment.class).get(0).getSpec().getTemplate().getSpec();
    assertThat(openShift.getSecurityContext().getRunAsUser()).isNull();
    assertThat(openShift.getSecurityContext().getRunAsGroup()).isNull();
    assertThat(openShift.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(openShift.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container custom = operatorContainer(render(null, Map.of("securityContext.readOnlyRootFilesystem", false,
        "podSecurityContext.fsGroup", 1000)));
    assertThat(custom.getSecurityContext().getReadOnlyRootFilesystem()).isFalse();
    assertThat(custom.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(all(render(null, Map.of("podSecurityContext.fsGroup", 1000)), Deployment.class).get(0).getSpec().getTemplate()
        .getSpec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
    assertThat(failure(Map.of("securityContext.runAsUsr", 1))).contains("runAsUsr");
  }

  @Test
  void serviceMonitorIsOptionalAndScrapesTheMetricsPort() {
    assertThat(render(null, Map.of())).noneSatisfy(o -> assertThat(o.getKind()).isEqualTo("ServiceMonitor"));
    List<HasMetadata> objects = render(null, Map.of("metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.interval", "15s",
        "metrics.serviceMonitor.labels.release", "prometheus"));
    GenericKubernetesResource monitor = objects.stream().filter(o -> o.getKind().equals("ServiceMonitor"))
        .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, Object> endpoint = monitor.get("spec", "endpoints", 0);
    assertThat(endpoint).containsEntry("port", "http-metrics").containsEntry("path", "/metrics").containsEntry("interval", "15s");
    io.fabric8.kubernetes.api.model.Service service = all(objects, io.fabric8.kubernetes.api.model.Service.class).get(0);
    assertThat(service.getSpec().getPorts()).extracting(p -> p.getName()).containsExactly("http-metrics");
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(failure(Map.of("metrics.serviceMonitor.enabled", true, "metrics.service.enabled", false)))
        .contains("metrics.serviceMonitor.enabled needs metrics.service.enabled");
  }

  @Test
  @SuppressWarnings("unchecked")
  void runtimePodMonitorIsOptionalAndSelectsThePodsTheOperatorRuns() throws IOException {
    assertThat(render(null, Map.of())).noneSatisfy(o -> assertThat(o.getKind()).isIn("PodMonitor", "ConfigMap"));
    GenericKubernetesResource monitor = only(render(null, Map.of("runtimeMonitoring.podMonitor.enabled", true,
        "runtimeMonitoring.podMonitor.labels.release", "prometheus")), "PodMonitor");
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    assertThat(monitor.<Boolean>get("spec", "namespaceSelector", "any")).isTrue();
    Map<String, Object> endpoint = monitor.get("spec", "podMetricsEndpoints", 0);
    assertThat(endpoint).containsEntry("path", "/metrics").containsEntry("interval", "30s").containsEntry("honorLabels", true);
    assertThat((List<Map<String, Object>>) endpoint.get("relabelings")).extracting(r -> r.get("targetLabel"))
        .containsExactly("k8s_namespace", "microservice", "pod");
    // What the operator renders (its golden Deployment): the pods carry the selected labels and the named port.
    Deployment runtime = Serialization.unmarshal(Files.readString(Path.of("../operator/src/test/resources/expected/greeter-deployment.yaml")),
        Deployment.class);
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    assertThat(runtime.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(runtime.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(endpoint.get("port")));

    GenericKubernetesResource scoped = only(render(null, Map.of("runtimeMonitoring.podMonitor.enabled", true,
        "watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b")), "PodMonitor");
    assertThat(scoped.<List<String>>get("spec", "namespaceSelector", "matchNames")).containsExactly("team-a", "team-b");
    assertThat(failure(Map.of("runtimeMonitoring.podMonitor.interval", "often"))).contains("interval");
  }

  @Test
  void grafanaDashboardIsAnOptionalConfigMapForTheSidecarHoldingTheChartsDashboard() throws IOException {
    List<HasMetadata> objects = render(null, Map.of("runtimeMonitoring.grafanaDashboard.enabled", true,
        "runtimeMonitoring.grafanaDashboard.namespace", "monitoring",
        "runtimeMonitoring.grafanaDashboard.annotations.grafana_folder", "MicroServices"));
    io.fabric8.kubernetes.api.model.ConfigMap cm = all(objects, io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().endsWith("-runtime-dashboard")).findFirst().orElseThrow();
    assertThat(cm.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(cm.getMetadata().getAnnotations()).containsEntry("grafana_folder", "MicroServices");
    String json = cm.getData().get("microservice-runtime.json");
    assertThat(json).isEqualTo(Files.readString(CHART.resolve("dashboards/microservice-runtime.json")).stripTrailing());
    var dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertThat(dashboard.get("uid").asText()).isEqualTo("microservice-runtime");
    assertThat(dashboard.get("panels")).hasSizeGreaterThan(10);
    assertThat(render(null, Map.of("runtimeMonitoring.grafanaDashboard.enabled", true)))
        .filteredOn(o -> o.getKind().equals("ConfigMap")).singleElement()
        .satisfies(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("operators"));
  }

  static GenericKubernetesResource only(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).map(GenericKubernetesResource.class::cast)
        .reduce((a, b) -> {
          throw new AssertionError("more than one " + kind);
        }).orElseThrow(() -> new AssertionError("no " + kind));
  }

  /** Hooks are not in helm-java's template output: renders a copy whose test hooks lose the hook annotation key. */
  static List<HasMetadata> renderTestHooks(Map<String, Object> set) throws IOException {
    Path copy = Path.of("target/hook-chart/microservice-operator");
    copyChart(copy);
    Path hook = copy.resolve("templates/tests/test-readiness.yaml");
    Files.writeString(hook, Files.readString(hook).replace("helm.sh/hook: test", RENDERED_HOOK + ": test"));
    return render(copy, "mso", "operators", null, set).stream()
        .filter(o -> o.getMetadata().getAnnotations() != null && o.getMetadata().getAnnotations().containsKey(RENDERED_HOOK)).toList();
  }

  static final String RENDERED_HOOK = "rendered-without.helm.sh/hook";

  @Test
  void helmTestHookRunsTheOperatorImageWithTheJibClasspath() throws IOException {
    List<HasMetadata> hooks = renderTestHooks(Map.of("image.digest", DIGEST, "global.imageRegistry", "mirror.example.com"));
    assertThat(hooks).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding", "Pod");
    assertThat(hooks).allSatisfy(o -> assertThat(o.getMetadata().getAnnotations())
        .containsEntry(RENDERED_HOOK, "test")
        .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded"));
    Pod pod = all(hooks, Pod.class).get(0);
    int podWeight = weight(pod);
    assertThat(hooks).filteredOn(o -> !(o instanceof Pod)).allSatisfy(o -> assertThat(weight(o)).isLessThan(podWeight));
    assertThat(weight(all(hooks, ServiceAccount.class).get(0))).isLessThan(weight(all(hooks, RoleBinding.class).get(0)));
    Container c = pod.getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(operatorContainer(render(null, Map.of("image.digest", DIGEST,
        "global.imageRegistry", "mirror.example.com"))).getImage()).isEqualTo("mirror.example.com/microservice-operator/operator@" + DIGEST);
    assertThat(c.getCommand()).containsExactly("java", "-cp", "@/app/jib-classpath-file", "dev.microservice.operator.readiness.ReadinessCheck");
    assertThat(env(c, "READINESS_NAMESPACE")).isEqualTo("operators");
    assertThat(env(c, "READINESS_SERVICE")).isEqualTo("mso-microservice-operator-metrics");
    assertThat(env(c, "READINESS_PORT")).isEqualTo("http-metrics");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    Map<String, String> operatorSelector = all(render(null, Map.of()), Deployment.class).get(0).getSpec().getSelector().getMatchLabels();
    assertThat(pod.getMetadata().getLabels()).as("the Deployment's ReplicaSet and the metrics Service must not select the test pod")
        .doesNotContainEntry("app.kubernetes.io/name", operatorSelector.get("app.kubernetes.io/name"));
    String account = all(hooks, ServiceAccount.class).get(0).getMetadata().getName();
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(account).isNotEqualTo("mso-microservice-operator");
    // Restricted Pod Security Standard.
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    // Only get on the operator's metrics Service's proxy, bound to the hook's own account.
    Role role = all(hooks, Role.class).get(0);
    assertThat(role.getRules()).singleElement().satisfies(r -> {
      assertThat(r.getApiGroups()).containsExactly("");
      assertThat(r.getResources()).containsExactly("services/proxy");
      assertThat(r.getVerbs()).containsExactly("get");
      assertThat(r.getResourceNames()).containsExactly("mso-microservice-operator-metrics:http-metrics");
    });
    RoleBinding binding = all(hooks, RoleBinding.class).get(0);
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo(account));
    assertThat(renderTestHooks(Map.of("metrics.service.enabled", false))).as("no Service to ask").isEmpty();
  }

  static int weight(HasMetadata o) {
    return Integer.parseInt(o.getMetadata().getAnnotations().get("helm.sh/hook-weight"));
  }

  @Test
  void podDisruptionBudgetNeverBlocksEveryDrain() {
    PodDisruptionBudget pdb = all(render(null, Map.of("podDisruptionBudget.enabled", true)), PodDisruptionBudget.class).get(0);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getMinAvailable()).isNull();
    assertThat(failure(Map.of("podDisruptionBudget.enabled", true, "podDisruptionBudget.minAvailable", 1)))
        .contains("podDisruptionBudget.minAvailable 1 with replicaCount 1 blocks every node drain");
    assertThat(failure(Map.of("podDisruptionBudget.enabled", true, "podDisruptionBudget.minAvailable", "100%", "replicaCount", 3)))
        .contains("blocks every node drain");
    PodDisruptionBudget two = all(render(null, Map.of("podDisruptionBudget.enabled", true, "podDisruptionBudget.minAvailable", 1,
        "replicaCount", 2)), PodDisruptionBudget.class).get(0);
    assertThat(two.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(two.getSpec().getMaxUnavailable()).isNull();
    assertThat(failure(Map.of("podDisruptionBudget.maxUnavailable", 0))).contains("maxUnavailable");
  }

  @Test
  void anExistingServiceAccountMustBeNamed() {
    assertThat(failure(Map.of("serviceAccount.create", false)))
        .contains("serviceAccount.name is required when serviceAccount.create is false");
    List<HasMetadata> objects = render(null, Map.of("serviceAccount.create", false, "serviceAccount.name", "platform-operator"));
    assertThat(all(objects, ServiceAccount.class)).isEmpty();
    assertThat(all(objects, Deployment.class).get(0).getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("platform-operator");
    assertThat(all(objects, ClusterRoleBinding.class).get(0).getSubjects()).singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("platform-operator"));
  }

  @Test
  void notesGiveThePortForwardAndTheCurlAsSeparateCommands() {
    String notes = new Helm(CHART).install().withName("mso").withNamespace("operators").withKubeVersion("1.33.0").clientOnly()
        .withDryRunOption(DryRun.CLIENT).call().getOutput();
    assertThat(notes).contains("port-forward deploy/mso-microservice-operator 8080").doesNotContain("&& curl");
    List<String> lines = notes.lines().map(String::strip).toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("kubectl -n operators port-forward").doesNotContain("curl"));
    assertThat(lines).anySatisfy(l -> assertThat(l).isEqualTo("curl localhost:8080/metrics"));
    assertThat(notes).contains("helm test mso -n operators");
  }

  @Test
  @SuppressWarnings("unchecked")
  void chartMetadataForArtifactHub() throws IOException {
    Map<String, Object> chart = Serialization.unmarshal(Files.readString(CHART.resolve("Chart.yaml")), Map.class);
    String version = System.getProperty("project.version");
    assertThat(chart.get("kubeVersion")).isEqualTo(">=1.25.0-0");
    assertThat((List<String>) chart.get("sources")).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith("https://"));
    assertThat((List<Map<String, Object>>) chart.get("maintainers")).isNotEmpty().allSatisfy(m -> assertThat(m).containsKey("name"));
    Map<String, String> annotations = (Map<String, String>) chart.get("annotations");
    assertThat(annotations).containsEntry("artifacthub.io/operator", "true").containsKeys("artifacthub.io/license",
        "artifacthub.io/operatorCapabilities", "artifacthub.io/prerelease");
    assertThat(annotations.get("artifacthub.io/prerelease")).isEqualTo(String.valueOf(version.contains("-")));
    assertThat(annotations.get("artifacthub.io/operatorCapabilities"))
        .isIn("Basic Install", "Seamless Upgrades", "Full Lifecycle", "Deep Insights", "Auto Pilot");
    List<Map<String, String>> images = Serialization.unmarshal(annotations.get("artifacthub.io/images"), List.class);
    assertThat(images).extracting(i -> i.get("image")).containsExactly(
        "ghcr.io/microservice-operator/operator:" + version, "ghcr.io/microservice-operator/runtime:" + version);
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(Path.of(System.getProperty("crd.file"))),
        CustomResourceDefinition.class);
    List<Map<String, String>> crds = Serialization.unmarshal(annotations.get("artifacthub.io/crds"), List.class);
    assertThat(crds).singleElement().satisfies(c -> {
      assertThat(c.get("name")).isEqualTo(crd.getMetadata().getName());
      assertThat(c.get("kind")).isEqualTo(crd.getSpec().getNames().getKind());
      assertThat(crd.getSpec().getVersions()).extracting(v -> v.getName()).contains(c.get("version"));
    });
  }

  @Test
  void secretChecksCanBeTurnedOff() {
    List<HasMetadata> on = render(null, Map.of());
    assertThat(env(operatorContainer(on), "SECRET_CHECKS")).isEqualTo("true");
    List<HasMetadata> off = render(null, Map.of("secretChecks.enabled", false));
    assertThat(env(operatorContainer(off), "SECRET_CHECKS")).isEqualTo("false");
    List<String> withoutSecrets = EXPECTED_RULES.stream().filter(r -> !r.startsWith("/secrets")).toList();
    ClusterRole role = all(off, ClusterRole.class).stream()
        .filter(c -> c.getMetadata().getName().equals("mso-microservice-operator-operators")).findFirst().orElseThrow();
    assertThat(rules(role.getRules())).containsExactlyElementsOf(withoutSecrets);
    List<HasMetadata> namespaced = render(null, Map.of("secretChecks.enabled", false, "watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b"));
    assertThat(all(namespaced, Role.class)).filteredOn(r -> !r.getMetadata().getName().endsWith("leader-election"))
        .hasSize(2).allSatisfy(r -> assertThat(rules(r.getRules())).containsExactlyElementsOf(withoutSecrets));
    assertThat(off).flatExtracting(o -> o instanceof ClusterRole c ? c.getRules() : o instanceof Role r ? r.getRules() : List.of())
        .noneSatisfy(r -> assertThat(((PolicyRule) r).getResources()).contains("secrets"));
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
