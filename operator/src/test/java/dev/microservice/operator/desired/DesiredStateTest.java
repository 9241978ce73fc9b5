package dev.microservice.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The exact objects rendered for the hello example, compared with reviewed golden files under
 * src/test/resources/expected (the CLI's render test uses the same files). Regenerate them with
 * {@code -Dgolden.update=true} and review the diff.
 */
class DesiredStateTest {
  static final Path EXPECTED = Path.of("src/test/resources/expected");

  static <T extends HasMetadata> void assertMatchesGolden(T actual, String file, Class<T> type) throws IOException {
    Path golden = EXPECTED.resolve(file);
    String yaml = Serialization.asYaml(actual);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, yaml);
    }
    assertThat(yaml).isEqualTo(Files.readString(golden));
    assertThat(Serialization.asYaml(TestResources.read(golden, type))).as("golden file round-trips").isEqualTo(yaml);
  }

  @Test
  void configMapHoldsTheRuntimeManifest() throws IOException {
    ConfigMap cm = RuntimeConfigMap.of(TestResources.hello());
    assertMatchesGolden(cm, "greeter-configmap.yaml", ConfigMap.class);
    assertThat(cm.getData().get("microservice.yaml"))
        .contains("bootstrapServers: 10.88.0.1:9092")
        .doesNotContain("replicas").doesNotContain("image");
  }

  @Test
  void deploymentRunsTheRuntimeWithProbesVolumesAndRestrictedSecurity() throws IOException {
    Deployment d = RuntimeDeployment.of(TestResources.hello(), TestResources.RUNTIME_IMAGE);
    assertMatchesGolden(d, "greeter-deployment.yaml", Deployment.class);
  }

  @Test
  void serviceExposesTheGrpcPorts() throws IOException {
    Service s = RuntimeService.of(TestResources.hello());
    assertMatchesGolden(s, "greeter-service.yaml", Service.class);
  }

  @Test
  void noServiceWithoutGrpcServers() {
    MicroService ms = TestResources.hello();
    ms.getSpec().getServers().removeIf(s -> s.getGrpc() != null);
    assertThat(RuntimeService.needed(ms)).isFalse();
    assertThat(RuntimeService.needed(TestResources.hello())).isTrue();
  }

  @Test
  void hashChangesWhenAndOnlyWhenTheRenderedConfigChanges() {
    String base = hash(TestResources.hello());

    MicroService scaled = TestResources.hello();
    scaled.getSpec().setReplicas(5);
    scaled.getSpec().getEndpoints().setImage("example.com/hello-endpoint:2.0");
    scaled.getSpec().setRuntimeImage("example.com/runtime:9");
    assertThat(hash(scaled)).as("replicas and images are not runtime config").isEqualTo(base);

    MicroService reordered = TestResources.hello();
    reordered.getSpec().getConfig().put("a-first", "1");
    MicroService reordered2 = TestResources.hello();
    java.util.Map<String, String> config = new java.util.LinkedHashMap<>();
    config.put("a-first", "1");
    config.putAll(reordered2.getSpec().getConfig());
    reordered2.getSpec().setConfig(config);
    assertThat(hash(reordered)).isEqualTo(hash(reordered2)).isNotEqualTo(base);

    MicroService drain = TestResources.hello();
    drain.getSpec().setDrainTimeoutSeconds(45);
    assertThat(hash(drain)).isNotEqualTo(base);

    MicroService port = TestResources.hello();
    port.getSpec().getServers().get(0).getGrpc().setPort(9091);
    assertThat(hash(port)).isNotEqualTo(base);

    Deployment d = RuntimeDeployment.of(drain, TestResources.RUNTIME_IMAGE);
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry(ConfigHash.ANNOTATION, hash(drain));
  }

  @Test
  void secretReferencesBecomeMountedFiles() {
    MicroService ms = TestResources.hello();
    var kafka = ms.getSpec().getServers().get(1).getKafka();
    var security = new dev.microservice.model.KafkaSecuritySpec();
    security.setProtocol(dev.microservice.model.KafkaSecuritySpec.Protocol.SASL_PLAINTEXT);
    var sasl = new dev.microservice.model.SaslSpec();
    sasl.setUsername("greeter");
    SecretValueSpec password = new SecretValueSpec();
    password.setSecretKeyRef(new SecretKeyRef("kafka-user", "password"));
    sasl.setPassword(password);
    security.setSasl(sasl);
    kafka.setSecurity(security);

    assertThat(RuntimeConfigMap.manifest(ms))
        .contains("file: /etc/microservice/secrets/kafka-user/password")
        .doesNotContain("secretKeyRef");
    Deployment d = RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE);
    assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> {
          assertThat(v.getName()).isEqualTo("secret-kafka-user");
          assertThat(v.getSecret().getSecretName()).isEqualTo("kafka-user");
        });
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> {
          assertThat(m.getMountPath()).isEqualTo("/etc/microservice/secrets/kafka-user");
          assertThat(m.getReadOnly()).isTrue();
        });
  }

  @Test
  void imageVolumeDeliveryMountsTheEndpointImage() {
    MicroService ms = TestResources.hello();
    ms.getSpec().getEndpoints().setDelivery(dev.microservice.model.EndpointsSpec.Delivery.IMAGE_VOLUME);
    Deployment d = RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE);
    var pod = d.getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("endpoints")).singleElement()
        .satisfies(v -> assertThat(v.getImage().getReference()).isEqualTo("ghcr.io/microservice-operator/hello-endpoint:0.1.0-SNAPSHOT"));
    assertThat(pod.getContainers().get(0).getArgs()).containsSequence("--endpoints", "/endpoint-image/endpoints");
  }

  static String hash(MicroService ms) {
    return ConfigHash.of(RuntimeConfigMap.of(ms));
  }
}
