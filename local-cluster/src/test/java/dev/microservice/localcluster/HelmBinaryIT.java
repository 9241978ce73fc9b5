package dev.microservice.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helm build.sh built is the pinned release, assumes our Kubernetes minor, and renders the project's chart. */
class HelmBinaryIT {
  static HelmBinary helm;
  @TempDir static Path home;

  @BeforeAll
  static void locate() {
    helm = HelmBinary.locate();
  }

  @Test
  void printsThePinnedVersion() throws Exception {
    assertThat(run("version", "--short")).isEqualTo("v" + helm.version());
  }

  @Test
  void rendersTheChartsDeployment() throws Exception {
    // The chart's kubeVersion (>=1.25) also fails a helm built without the Makefile's k8sVersion ldflags (1.20).
    String manifests = run("template", "msvc", Path.of("../helm/microservice-operator").toAbsolutePath().toString());
    assertThat(manifests).contains("\nkind: Deployment\n").contains("name: msvc-microservice-operator");
  }

  @Test
  void assumesOurKubernetesMinorWithoutACluster(@TempDir Path chart) throws Exception {
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.0.1\n");
    Files.createDirectory(chart.resolve("templates"));
    Files.writeString(chart.resolve("templates/kube.yaml"), "kubeVersion: {{ .Capabilities.KubeVersion.Version }}\n");
    String minor = KubernetesBinaries.versions().getProperty("KUBERNETES_VERSION").split("\\.")[1];
    assertThat(run("template", "probe", chart.toString())).contains("kubeVersion: v1." + minor + ".0");
  }

  /** Runs helm with its cache, config and data under a temporary directory; fails unless it exits 0. */
  static String run(String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(helm.command(args)).redirectErrorStream(true);
    for (String dir : List.of("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME")) {
      builder.environment().put(dir, home.resolve(dir).toString());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("helm %s exits", String.join(" ", args)).isTrue();
    assertThat(process.exitValue()).as("helm %s exit code, output:%n%s", String.join(" ", args), output).isZero();
    return output.strip();
  }
}
