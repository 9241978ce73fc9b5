package dev.microservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one runtime view: what the operator writes for the runtime is what the runtime reads. */
class RuntimeManifestTest {
  static MicroService hello() throws IOException {
    MicroService ms = Serialization.unmarshal(Files.readString(Path.of("../examples/hello/microservice.yaml")), MicroService.class);
    ms.getMetadata().setNamespace("shop");
    ms.getSpec().setReplicas(3);
    ms.getSpec().setRuntimeImage("example.com/runtime:1");
    ms.getSpec().setEnv(List.of(new EnvVar("A", "b", null)));
    return ms;
  }

  @Test
  void leavesOutWhatOnlyKubernetesUses() throws IOException {
    String yaml = RuntimeManifest.toYaml(RuntimeManifest.of(hello()));
    assertThat(yaml).contains("name: greeter", "namespace: shop", "port: 9090", "greeting: Hello")
        .doesNotContain("replicas", "endpoints", "hello-endpoint", "runtimeImage", "env:", "resources", "pod:");
  }

  @Test
  void isACopyThatLeavesTheMicroServiceUntouched() throws IOException {
    MicroService ms = hello();
    Manifest runtime = RuntimeManifest.of(ms);
    runtime.getSpec().getServers().get(0).getGrpc().setPort(1);
    runtime.getSpec().getConfig().put("greeting", "changed");
    assertThat(ms.getSpec().getServers().get(0).getGrpc().getPort()).isEqualTo(9090);
    assertThat(ms.getSpec().getConfig()).containsEntry("greeting", "Hello");
    assertThat(ms.getSpec().getEndpoints().getImage()).isNotBlank();
  }

  @Test
  void theRuntimeReadsWhatIsWrittenForIt(@TempDir Path tmp) throws IOException {
    String yaml = RuntimeManifest.toYaml(RuntimeManifest.of(hello()));
    Manifest read = RuntimeManifest.parse(Files.writeString(tmp.resolve("microservice.yaml"), yaml));
    assertThat(RuntimeManifest.toYaml(read)).isEqualTo(yaml);
    assertThat(read.getSpec().getServers()).hasSize(2);
  }

  @Test
  void theRuntimeSkipsKubernetesOnlyFieldsUnbound(@TempDir Path tmp) throws IOException {
    String full = ManifestParser.toYaml(hello().toManifest()).replace("replicas: 3", "replicas: many");
    Manifest read = RuntimeManifest.parse(Files.writeString(tmp.resolve("microservice.yaml"), full));
    assertThat(read.getSpec().getRuntimeImage()).isNull();
    assertThat(read.getSpec().getEndpoints()).isNull();
    assertThat(read.getSpec().getEnv()).isEmpty();
  }
}
