package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RenderTest {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

  @Test
  void rendersTheObjectsTheOperatorsTestsExpect() throws IOException {
    CliRun run = CliRun.of("render", "-f", ROOT.resolve("examples/hello/microservice.yaml").toString(),
        "--namespace", "shop", "--runtime-image", "ghcr.io/microservice-operator/runtime:0.1.0");
    Path expected = ROOT.resolve("operator/src/test/resources/expected");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(expected.resolve("greeter-configmap.yaml"))
        + Files.readString(expected.resolve("greeter-deployment.yaml"))
        + Files.readString(expected.resolve("greeter-service.yaml")));
  }

  @Test
  void rendersTheAutoscalingObjectsOfTheOperatorsGoldenFiles() throws IOException {
    Path manifest = ROOT.resolve("operator/src/test/resources/autoscaling/greeter-autoscaled.yaml");
    Path expected = ROOT.resolve("operator/src/test/resources/expected");
    CliRun withKeda = CliRun.of("render", "-f", manifest.toString(), "--namespace", "shop");
    assertThat(withKeda.code()).isZero();
    assertThat(withKeda.out()).contains("kind: \"Deployment\"").endsWith(
        Files.readString(expected.resolve("autoscaled-keda-configmap.yaml"))
        + Files.readString(expected.resolve("autoscaled-triggerauthentication.yaml"))
        + Files.readString(expected.resolve("autoscaled-scaledobject.yaml"))
        + Files.readString(expected.resolve("autoscaled-pdb.yaml")));
    assertThat(withKeda.out()).doesNotContain("HorizontalPodAutoscaler");
    assertThat(withKeda.err()).isEmpty();

    CliRun withoutKeda = CliRun.of("render", "-f", manifest.toString(), "--namespace", "shop", "--without-keda");
    assertThat(withoutKeda.code()).isZero();
    assertThat(withoutKeda.out()).endsWith(Files.readString(expected.resolve("autoscaled-hpa.yaml"))
        + Files.readString(expected.resolve("autoscaled-pdb.yaml")));
    assertThat(withoutKeda.out()).doesNotContain("ScaledObject", "TriggerAuthentication");
    assertThat(withoutKeda.err()).startsWith("KedaNotInstalled: KEDA is not installed").contains("spec.autoscaling.kafkaLag");
  }

  @Test
  void refusesAnInvalidManifestNamingTheField() throws IOException {
    Path bad = Files.writeString(Files.createTempFile("bad", ".yaml"),
        Files.readString(ROOT.resolve("examples/hello/microservice.yaml")).replace("port: 9090", "port: 0"));
    CliRun run = CliRun.of("render", "-f", bad.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("spec.servers[0].grpc.port: must be between 1 and 65535, got 0").doesNotContain("\tat ");
  }
}
