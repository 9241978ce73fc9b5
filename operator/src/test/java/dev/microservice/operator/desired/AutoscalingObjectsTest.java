package dev.microservice.operator.desired;

import static dev.microservice.operator.desired.DesiredStateTest.assertMatchesGolden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.Consumption;
import dev.microservice.model.MicroService;
import dev.microservice.model.Problem;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact autoscaling and disruption objects of an autoscaled MicroService (golden files under
 * src/test/resources/expected, shared with the CLI's render test), and the plan deciding which exist.
 */
class AutoscalingObjectsTest {
  static final Path MANIFEST = Path.of("src/test/resources/autoscaling/greeter-autoscaled.yaml");

  static MicroService autoscaled() {
    MicroService ms = TestResources.read(MANIFEST, MicroService.class);
    ms.getMetadata().setNamespace("shop");
    return ms;
  }

  @Test
  void kedaPresentGivesScaledObjectTriggerAuthenticationUsernameAndPdb() throws IOException {
    MicroService ms = autoscaled();
    List<HasMetadata> objects = AutoscalingPlan.of(ms, true).objects(ms);
    assertThat(objects).extracting(HasMetadata::getKind)
        .containsExactly("ConfigMap", "TriggerAuthentication", "ScaledObject", "PodDisruptionBudget");
    assertMatchesGolden((ConfigMap) objects.get(0), "autoscaled-keda-configmap.yaml", ConfigMap.class);
    assertMatchesGolden((GenericKubernetesResource) objects.get(1), "autoscaled-triggerauthentication.yaml",
        GenericKubernetesResource.class);
    assertMatchesGolden((GenericKubernetesResource) objects.get(2), "autoscaled-scaledobject.yaml",
        GenericKubernetesResource.class);
    assertMatchesGolden((PodDisruptionBudget) objects.get(3), "autoscaled-pdb.yaml", PodDisruptionBudget.class);
    assertThat(objects.stream().map(Serialization::asYaml)).as("references, never values").noneMatch(y -> y.contains("data:\n  password"));
  }

  @Test
  void kedaAbsentFallsBackToTheHpaOnCpu() throws IOException {
    MicroService ms = autoscaled();
    AutoscalingPlan plan = AutoscalingPlan.of(ms, false);
    assertThat(plan.kedaUse()).isEqualTo(AutoscalingPlan.KedaUse.NOT_INSTALLED);
    List<HasMetadata> objects = plan.objects(ms);
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("HorizontalPodAutoscaler", "PodDisruptionBudget");
    assertMatchesGolden((HorizontalPodAutoscaler) objects.get(0), "autoscaled-hpa.yaml", HorizontalPodAutoscaler.class);
  }

  @Test
  void kedaAbsentWithoutCpuCreatesNoAutoscaler() {
    MicroService ms = autoscaled();
    ms.getSpec().getAutoscaling().setCpuUtilization(null);
    ms.getSpec().setDisruption(null);
    assertThat(AutoscalingPlan.of(ms, false).objects(ms)).isEmpty();
  }

  @Test
  void cpuOnlyIsAnHpaEvenWithKeda() {
    MicroService ms = autoscaled();
    ms.getSpec().getAutoscaling().setKafkaLag(null);
    AutoscalingPlan plan = AutoscalingPlan.of(ms, true);
    assertThat(plan.kedaUse()).isEqualTo(AutoscalingPlan.KedaUse.NOT_NEEDED);
    assertThat(plan.objects(ms)).extracting(HasMetadata::getKind).containsExactly("HorizontalPodAutoscaler", "PodDisruptionBudget");
  }

  @Test
  void oneKafkaTriggerPerTopicForTheRuntimesConsumerGroupAndACpuTrigger() {
    MicroService ms = autoscaled();
    List<Map<String, Object>> triggers = triggers(ms);
    assertThat(triggers).extracting(t -> t.get("type")).containsExactly("kafka", "kafka", "cpu");
    assertThat(triggers.subList(0, 2)).extracting(t -> (Object) ((Map<?, ?>) t.get("metadata")).get("topic"))
        .containsExactly("greetings", "farewells");
    assertThat(triggers.get(0).get("metadata")).isInstanceOfSatisfying(Map.class, m -> assertThat(m)
        .containsEntry("consumerGroup", "shop.greeter.events").containsEntry("lagThreshold", "100")
        .containsEntry("tls", "enable").containsEntry("sasl", "scram_sha512"));

    ms.getSpec().getServers().get(1).getKafka().setGroupId("greeters");
    assertThat(triggers(ms).get(0).get("metadata")).isInstanceOfSatisfying(Map.class,
        m -> assertThat(m).containsEntry("consumerGroup", "greeters"));
  }

  @Test
  void plaintextServersNeedNoTriggerAuthentication() {
    MicroService ms = autoscaled();
    ms.getSpec().getServers().get(1).getKafka().setSecurity(null);
    AutoscalingPlan plan = AutoscalingPlan.of(ms, true);
    assertThat(plan.objects(ms)).extracting(HasMetadata::getKind).containsExactly("ScaledObject", "PodDisruptionBudget");
    assertThat(triggers(ms).get(0)).doesNotContainKey("authenticationRef");
  }

  @Test
  void whatKedaCannotReadIsAProblemNamingTheFieldAndNoScaledObject() {
    MicroService jks = autoscaled();
    jks.getSpec().getServers().get(1).getKafka().getSecurity().getTls().setTruststoreType("JKS");
    assertThat(problems(jks)).containsExactly("spec.servers[1].kafka.security.tls.truststore: KEDA's kafka scaler reads"
        + " PEM only; a JKS store cannot be given to it (set the store's type to PEM to autoscale on Kafka lag)");
    AutoscalingPlan plan = AutoscalingPlan.of(jks, true);
    assertThat(plan.kedaUse()).isEqualTo(AutoscalingPlan.KedaUse.UNSUPPORTED);
    assertThat(plan.objects(jks)).extracting(HasMetadata::getKind).containsExactly("HorizontalPodAutoscaler", "PodDisruptionBudget");

    MicroService file = autoscaled();
    SecretValueSpec fromFile = new SecretValueSpec();
    fromFile.setFile("/var/run/kafka/password");
    file.getSpec().getServers().get(1).getKafka().getSecurity().getSasl().setPassword(fromFile);
    assertThat(problems(file)).singleElement().asString()
        .startsWith("spec.servers[1].kafka.security.sasl.password: KEDA reads secrets from Kubernetes Secrets only; a file source");

    MicroService keyPassword = autoscaled();
    var tls = keyPassword.getSpec().getServers().get(1).getKafka().getSecurity().getTls();
    tls.setKeystoreType("PEM");
    tls.setKeystore(secret("kafka-client", "client.pem"));
    tls.setKeyPassword(secret("kafka-client", "key-password"));
    assertThat(problems(keyPassword)).singleElement().asString().startsWith("spec.servers[1].kafka.security.tls.keyPassword: ");
  }

  @Test
  void aPemKeystoreGivesCertAndKeyFromTheSameSecretKey() {
    MicroService ms = autoscaled();
    var tls = ms.getSpec().getServers().get(1).getKafka().getSecurity().getTls();
    tls.setKeystoreType("pem");
    tls.setKeystore(secret("kafka-client", "client.pem"));
    KedaAuth auth = KedaAuth.of(ms);
    assertThat(auth.problems()).isEmpty();
    assertThat(auth.secretTargets()).containsExactly(new KedaAuth.SecretParam("password", "kafka-user", "password"),
        new KedaAuth.SecretParam("ca", "kafka-ca", "ca.crt"), new KedaAuth.SecretParam("cert", "kafka-client", "client.pem"),
        new KedaAuth.SecretParam("key", "kafka-client", "client.pem"));
  }

  @Test
  void serversWithDifferentCredentialsCannotShareTheTriggerAuthentication() {
    MicroService ms = autoscaled();
    var second = Serialization.clone(ms.getSpec().getServers().get(1));
    second.setName("audit");
    second.getKafka().getSecurity().getSasl().setPassword(secret("audit-user", "password"));
    ms.getSpec().getServers().add(second);
    assertThat(problems(ms)).containsExactly("spec.servers[2].kafka.security.sasl.password: differs from"
        + " spec.servers[1].kafka.security.sasl.password: KEDA gets one TriggerAuthentication per MicroService");
  }

  @Test
  void scaleToZeroBesideAShareGroupIsAProblem() {
    MicroService ms = autoscaled();
    ms.getSpec().getServers().remove(0);
    ms.getSpec().getAutoscaling().setMinReplicas(0);
    var share = Serialization.clone(ms.getSpec().getServers().get(0));
    share.setName("shared");
    share.getKafka().setConsumption(Consumption.SHARE);
    ms.getSpec().getServers().add(share);
    assertThat(problems(ms)).singleElement().asString().startsWith("spec.servers[1].kafka.consumption: ");
    ms.getSpec().getAutoscaling().setMinReplicas(1);
    assertThat(problems(ms)).as("share servers are left out of the triggers").isEmpty();
    assertThat(triggers(ms)).extracting(t -> t.get("type")).containsExactly("kafka", "kafka", "cpu");
  }

  @Test
  void scaleToZeroIsTheScaledObjectsMinimumAndTheHpasIsOne() {
    MicroService ms = autoscaled();
    ms.getSpec().getServers().remove(0);
    ms.getSpec().getAutoscaling().setMinReplicas(0);
    assertThat(spec(KedaScaledObject.of(ms, KedaAuth.of(ms)))).containsEntry("minReplicaCount", 0);
    assertThat(RuntimeAutoscaler.of(ms).getSpec().getMinReplicas()).isEqualTo(1);
  }

  @Test
  void pdbDefaultsToOneUnavailable() {
    MicroService ms = autoscaled();
    ms.getSpec().getDisruption().setMaxUnavailable(null);
    assertThat(RuntimeDisruptionBudget.of(ms).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    ms.getSpec().getDisruption().setMaxUnavailable(new IntOrString("25%"));
    assertThat(RuntimeDisruptionBudget.of(ms).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
  }

  static SecretValueSpec secret(String name, String key) {
    SecretValueSpec s = new SecretValueSpec();
    s.setSecretKeyRef(new SecretKeyRef(name, key));
    return s;
  }

  static List<String> problems(MicroService ms) {
    return KedaAuth.of(ms).problems().stream().map(Problem::toString).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource r) {
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> triggers(MicroService ms) {
    return (List<Map<String, Object>>) spec(KedaScaledObject.of(ms, KedaAuth.of(ms))).get("triggers");
  }
}
