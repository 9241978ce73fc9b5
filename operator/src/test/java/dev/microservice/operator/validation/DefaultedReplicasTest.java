package dev.microservice.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import dev.microservice.operator.TestResources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The operator accepts the replicas: 1 an API server stores by default beside autoscaling, and no other count. */
class DefaultedReplicasTest {
  static MicroService autoscaled(Integer replicas) {
    MicroService ms = TestResources.read(Path.of("src/test/resources/autoscaling/greeter-autoscaled.yaml"), MicroService.class);
    ms.getMetadata().setNamespace("shop");
    ms.getSpec().setReplicas(replicas);
    return ms;
  }

  @Test
  void theServersDefaultBesideAutoscalingIsNotAProblem() {
    MicroService stored = autoscaled(1);
    assertThat(SpecChecks.checkWithoutSecrets(stored)).isNull();
    assertThat(stored.getSpec().getReplicas()).as("the MicroService itself is left as it is").isEqualTo(1);
    assertThat(SpecChecks.checkWithoutSecrets(autoscaled(null))).isNull();
    assertThat(SpecChecks.checkWithoutSecrets(autoscaled(2)).message())
        .startsWith("spec.autoscaling: spec.replicas and spec.autoscaling cannot both be set");
    assertThat(SpecChecks.specProblems(autoscaled(1))).as("msvc validate refuses a written count").isNotEmpty();
  }
}
