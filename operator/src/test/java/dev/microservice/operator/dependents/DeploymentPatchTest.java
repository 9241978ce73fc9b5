package dev.microservice.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microservice.model.AutoscalingSpec;
import dev.microservice.model.MicroService;
import dev.microservice.operator.TestResources;
import dev.microservice.operator.desired.RuntimeDeployment;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentPatchTest {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  static final ObjectMapper JSON = new ObjectMapper();

  static Deployment desired(boolean autoscaling) {
    MicroService ms = TestResources.hello();
    if (autoscaling) {
      ms.getSpec().setReplicas(null);
      AutoscalingSpec a = new AutoscalingSpec();
      a.setMaxReplicas(5);
      a.setCpuUtilization(70);
      ms.getSpec().setAutoscaling(a);
    }
    Deployment d = RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE);
    d.getMetadata().setAnnotations(Map.of("microservice.dev/desired-hash", autoscaling ? "new" : "old"));
    return d;
  }

  /** What the server holds: the desired Deployment of earlier, scaled to 4 by an autoscaler, with a foreign annotation. */
  static Deployment actual() {
    return new DeploymentBuilder(desired(false)).editMetadata().withResourceVersion("41")
        .addToAnnotations("deployment.kubernetes.io/revision", "3").endMetadata()
        .editSpec().withReplicas(4).withRevisionHistoryLimit(10).endSpec().build();
  }

  static List<String> paths(String patch) throws Exception {
    List<String> paths = new ArrayList<>();
    JSON.readTree(patch).forEach(op -> paths.add(op.get("op").asText() + " " + op.get("path").asText()));
    return paths;
  }

  @Test
  void withAutoscalingThePatchNeverMentionsReplicasAndKeepsTheCount() throws Exception {
    String patch = DeploymentPatch.of(actual(), desired(true), SERIALIZATION);
    assertThat(patch).doesNotContain("replicas");
    assertThat(paths(patch)).containsExactly(
        "replace /metadata/resourceVersion",
        "add /metadata/annotations/microservice.dev~1desired-hash",
        "add /spec/selector",
        "add /spec/strategy",
        "add /spec/template");
    JsonNode patched = JsonPatch.apply(JSON.readTree(patch), SERIALIZATION.convertValue(actual(), JsonNode.class));
    Deployment result = SERIALIZATION.convertValue(patched, Deployment.class);
    assertThat(result.getSpec().getReplicas()).as("what the autoscaler set").isEqualTo(4);
    assertThat(SERIALIZATION.asYaml(result.getSpec().getTemplate())).isEqualTo(SERIALIZATION.asYaml(desired(true).getSpec().getTemplate()));
    assertThat(result.getSpec().getRevisionHistoryLimit()).as("the server's default stays").isEqualTo(10);
    assertThat(result.getMetadata().getAnnotations()).containsEntry("microservice.dev/desired-hash", "new")
        .containsEntry("deployment.kubernetes.io/revision", "3");
  }

  @Test
  void withFixedReplicasThePatchSetsThem() throws Exception {
    Deployment desired = desired(false);
    desired.getSpec().setReplicas(2);
    String patch = DeploymentPatch.of(actual(), desired, SERIALIZATION);
    assertThat(paths(patch)).contains("add /spec/replicas");
    JsonNode patched = JsonPatch.apply(JSON.readTree(patch), SERIALIZATION.convertValue(actual(), JsonNode.class));
    assertThat(SERIALIZATION.convertValue(patched, Deployment.class).getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void addsOwnerAndLabelsWhenTheObjectHasNone() throws Exception {
    Deployment bare = actual();
    bare.getMetadata().setLabels(null);
    bare.getMetadata().setAnnotations(null);
    Deployment desired = desired(true);
    desired.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withUid("u-1").withName("greeter").withKind("MicroService").withApiVersion("microservice.dev/v1").build()));
    String patch = DeploymentPatch.of(bare, desired, SERIALIZATION);
    JsonNode patched = JsonPatch.apply(JSON.readTree(patch), SERIALIZATION.convertValue(bare, JsonNode.class));
    Deployment result = SERIALIZATION.convertValue(patched, Deployment.class);
    assertThat(result.getMetadata().getLabels()).isEqualTo(desired.getMetadata().getLabels());
    assertThat(result.getMetadata().getOwnerReferences()).extracting(o -> o.getUid()).containsExactly("u-1");
    assertThat(DeploymentPatch.escape("a/b~c")).isEqualTo("a~1b~0c");
  }
}
