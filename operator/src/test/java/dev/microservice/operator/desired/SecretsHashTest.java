package dev.microservice.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.GrpcTlsSpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsHashTest {
  static SecretValueSpec ref(String secret, String key) {
    SecretValueSpec v = new SecretValueSpec();
    v.setSecretKeyRef(new SecretKeyRef(secret, key));
    return v;
  }

  /** The hello example with gRPC TLS from Secret "tls" and an image pull secret "registry". */
  static MicroServiceSpec spec() {
    MicroService ms = TestResources.hello();
    GrpcTlsSpec tls = new GrpcTlsSpec();
    tls.setCertificate(ref("tls", "tls.crt"));
    tls.setPrivateKey(ref("tls", "tls.key"));
    ms.getSpec().getServers().get(0).getGrpc().setTls(tls);
    ms.getSpec().getEndpoints().setImagePullSecrets(List.of(new LocalObjectReference("registry")));
    return ms.getSpec();
  }

  static Secret secret(String name, Map<String, String> data) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withData(data).build();
  }

  static String hash(Map<String, Secret> secrets) {
    return SecretsHash.of(spec(), secrets::get);
  }

  static final Map<String, Secret> BASE = Map.of(
      "tls", secret("tls", Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5")),
      "registry", secret("registry", Map.of(".dockerconfigjson", "e30=")),
      "unrelated", secret("unrelated", Map.of("x", "eA==")));

  @Test
  void referencedNamesAreTheKeyRefsAndThePullSecretsSorted() {
    assertThat(SecretsHash.referencedNames(spec())).containsExactly("registry", "tls");
    assertThat(SecretsHash.referencedNames(TestResources.hello().getSpec())).isEmpty();
    assertThat(SecretsHash.of(TestResources.hello().getSpec(), BASE::get)).as("no reference, no hash").isNull();
  }

  @Test
  void changesWithTheDataOfAReferencedSecretOnly() {
    String base = hash(BASE);
    assertThat(base).matches("[0-9a-f]{16}");

    Map<String, Secret> rotated = new HashMap<>(BASE);
    rotated.put("tls", secret("tls", Map.of("tls.crt", "bmV3", "tls.key", "a2V5")));
    assertThat(hash(rotated)).isNotEqualTo(base);

    Map<String, Secret> pull = new HashMap<>(BASE);
    pull.put("registry", secret("registry", Map.of(".dockerconfigjson", "eyJhIjoxfQ==")));
    assertThat(hash(pull)).isNotEqualTo(base).isNotEqualTo(hash(rotated));

    Map<String, Secret> added = new HashMap<>(BASE);
    added.put("tls", secret("tls", Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5", "ca.crt", "Y2E=")));
    assertThat(hash(added)).as("a key added").isNotEqualTo(base);

    Map<String, Secret> unrelated = new HashMap<>(BASE);
    unrelated.put("unrelated", secret("unrelated", Map.of("x", "eQ==")));
    assertThat(hash(unrelated)).isEqualTo(base);

    Map<String, Secret> relabelled = new HashMap<>(BASE);
    Secret tls = secret("tls", Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5"));
    tls.getMetadata().setLabels(Map.of("rotated-by", "someone"));
    relabelled.put("tls", tls);
    assertThat(hash(relabelled)).as("metadata is not data").isEqualTo(base);
  }

  @Test
  void keysInAnyOrderHashTheSameAndAMissingSecretHashesAsAbsent() {
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("tls.key", "a2V5");
    reversed.put("tls.crt", "Y2VydA==");
    Map<String, Secret> reordered = new HashMap<>(BASE);
    reordered.put("tls", secret("tls", reversed));
    assertThat(hash(reordered)).isEqualTo(hash(BASE));

    Map<String, Secret> missing = new HashMap<>(BASE);
    missing.remove("registry");
    Map<String, Secret> empty = new HashMap<>(BASE);
    empty.put("registry", secret("registry", Map.of()));
    assertThat(hash(missing)).isNotEqualTo(hash(BASE)).isNotEqualTo(hash(empty));
  }

  @Test
  void theHashIsOnThePodTemplateAndNoValueIsAnywhereInTheDeployment() {
    String hash = hash(BASE);
    MicroService ms = TestResources.hello();
    ms.setSpec(spec());
    var d = RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE, RuntimeConfigMap.of(ms), hash);
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry(SecretsHash.ANNOTATION, hash);
    String yaml = io.fabric8.kubernetes.client.utils.Serialization.asYaml(d);
    assertThat(yaml).doesNotContain("Y2VydA==").doesNotContain("a2V5").doesNotContain("e30=");
    assertThat(RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE).getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(SecretsHash.ANNOTATION);
  }
}
