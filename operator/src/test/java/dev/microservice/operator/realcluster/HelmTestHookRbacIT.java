package dev.microservice.operator.realcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.microservice.localcluster.HelmBinary;
import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import dev.microservice.operator.TestResources;
import dev.microservice.operator.readiness.ReadinessCheck;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's RBAC on a real kube-apiserver: the helm test hook's Role lets its ServiceAccount through the service
 * proxy to the operator's metrics Service only (resourceNames match the proxy URL's "service:port" name), and the
 * leader-election Role limits get and update to the release's own Lease.
 */
@ExtendWith(LocalClusterExtension.class)
class HelmTestHookRbacIT {
  static final String NS = "helm-test-rbac";
  static final String METRICS = "mso-microservice-operator-metrics";
  static final String HOOK_KEY = "helm.sh/hook";
  static KubernetesClient admin;
  static KubernetesClient hook;
  static String hookAccount;
  static LocalCluster cluster;

  @BeforeAll
  static void install(LocalCluster localCluster) throws IOException, InterruptedException {
    cluster = localCluster;
    admin = cluster.admin();
    RealCluster.namespace(admin, NS);
    for (HasMetadata o : testHookRbac(cluster.binaries().kubernetesVersion())) {
      o.getMetadata().getAnnotations().keySet().removeIf(key -> key.startsWith(HOOK_KEY));
      admin.resource(o).serverSideApply();
      if (o instanceof ServiceAccount) {
        hookAccount = o.getMetadata().getName();
      }
    }
    assertThat(hookAccount).isNotNull();
    for (String name : List.of(METRICS, "other")) {
      admin.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
          .withNewSpec().withSelector(Map.of("app", name)).addNewPort().withName("http-metrics").withPort(8080).endPort().endSpec()
          .build()).serverSideApply();
    }
    // No retries by the client, as ReadinessCheck.main configures it.
    hook = new KubernetesClientBuilder().withConfig(new ConfigBuilder(cluster.serviceAccountConfig(NS, hookAccount))
        .withRequestRetryBackoffLimit(0).build()).build();
  }

  @AfterAll
  static void close() {
    if (hook != null) {
      hook.close();
    }
  }

  /** The test hook's ServiceAccount, Role and RoleBinding, as the real helm CLI renders them (hooks included). */
  static List<HasMetadata> testHookRbac(String kubernetesVersion) throws IOException, InterruptedException {
    Path chart = TestResources.ROOT.resolve("helm/microservice-operator");
    Process helm = new ProcessBuilder(HelmBinary.locate().command("template", "mso", chart.toString(), "--namespace", NS,
        "--kube-version", kubernetesVersion, "--show-only", "templates/tests/test-readiness.yaml")).redirectErrorStream(true).start();
    String manifest = new String(helm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(helm.waitFor()).as("helm template:%n%s", manifest).isZero();
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : manifest.split("(?m)^---\\s*$")) {
      if (doc.contains(HOOK_KEY)) {
        HasMetadata o = Serialization.unmarshal(doc);
        if (!o.getKind().equals("Pod")) {
          objects.add(o);
        }
      }
    }
    assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceAccount", "Role", "RoleBinding");
    return objects;
  }

  static boolean allowed(String user, String verb, String resource, String subresource, String name) {
    SubjectAccessReview review = admin.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
        .withNewSpec().withUser(user).withGroups("system:serviceaccounts", "system:serviceaccounts:" + NS, "system:authenticated")
        .withNewResourceAttributes().withNamespace(NS).withVerb(verb).withResource(resource).withSubresource(subresource)
        .withName(name).endResourceAttributes().endSpec().build());
    return review.getStatus().getAllowed();
  }

  static String check(String service) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReadinessCheck.run(hook, Map.of("READINESS_NAMESPACE", NS, "READINESS_SERVICE", service, "READINESS_PORT", "http-metrics",
        "READINESS_TIMEOUT_SECONDS", "0"), Duration.ofMillis(10), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as("no operator pod behind the Service: not ready").isEqualTo(ReadinessCheck.NOT_READY);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void subjectAccessReviewAllowsTheProxyOfTheMetricsPortOnly() {
    String user = "system:serviceaccount:" + NS + ":" + hookAccount;
    assertThat(allowed(user, "get", "services", "proxy", METRICS + ":http-metrics")).isTrue();
    assertThat(allowed(user, "get", "services", "proxy", METRICS)).as("another form of the name").isFalse();
    assertThat(allowed(user, "get", "services", "proxy", "other:http-metrics")).isFalse();
    assertThat(allowed(user, "create", "services", "proxy", METRICS + ":http-metrics")).isFalse();
    assertThat(allowed(user, "get", "services", null, METRICS)).isFalse();
    assertThat(allowed(user, "list", "secrets", null, null)).isFalse();
  }

  /** The real request path: RBAC's name is the URL's "service:port" segment, so the hook passes authorization. */
  @Test
  void theHookAccountPassesAuthorizationForTheMetricsServiceAndIsForbiddenElsewhere() {
    // Past authorization, the API server finds no endpoint (no operator pod here): 503, not 403.
    assertThat(check(METRICS)).contains("answered 503").contains("no endpoints available for service");
    assertThat(check("other")).contains("answered 403");
  }

  @Test
  void theLeaderElectionRoleLimitsGetAndUpdateToTheReleasesLease() {
    String operatorAccount = ChartRbac.install(admin, NS, cluster.binaries().kubernetesVersion());
    KubernetesClient operator = cluster.serviceAccountClient(NS, operatorAccount);
    String own = "mso-microservice-operator-leader";
    Lease created = operator.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName(own).endMetadata()
        .withNewSpec().withHolderIdentity("a").endSpec().build()).create();
    created.getSpec().setHolderIdentity("b");
    assertThat(operator.leases().inNamespace(NS).resource(created).update().getSpec().getHolderIdentity()).isEqualTo("b");
    admin.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName("other-release-leader").endMetadata()
        .withNewSpec().withHolderIdentity("c").endSpec().build()).create();
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> operator.leases().inNamespace(NS).withName("other-release-leader").get());
    assertThat(e).as("another release's lease").isNotNull();
    assertThat(e.getCode()).isEqualTo(403);
  }
}
