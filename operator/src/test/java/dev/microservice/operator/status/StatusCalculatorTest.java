package dev.microservice.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceStatus;
import dev.microservice.model.Problem;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
  static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-01-01T10:05:00Z");

  static MicroService ms() {
    MicroService ms = TestResources.hello();
    ms.getMetadata().setGeneration(3L);
    return ms;
  }

  static Deployment deployment(int replicas, int ready, int updated) {
    return new DeploymentBuilder().withNewMetadata().withName("greeter").endMetadata()
        .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready).withUpdatedReplicas(updated)
        .endStatus().build();
  }

  static String summary(MicroServiceStatus s, String type) {
    Condition c = s.condition(type);
    return c.getStatus() + "/" + c.getReason();
  }

  @Test
  void beforeTheDeploymentExists() {
    MicroServiceStatus s = StatusCalculator.compute(ms(), null, null, null, T1);
    assertThat(summary(s, "Ready")).isEqualTo("False/Creating");
    assertThat(summary(s, "Progressing")).isEqualTo("True/Creating");
    assertThat(summary(s, "Available")).isEqualTo("False/NoReplicasAvailable");
    assertThat(summary(s, "Degraded")).isEqualTo("False/AsExpected");
    assertThat(s.getObservedGeneration()).isEqualTo(3L);
    assertThat(s.getSelector()).isEqualTo("app.kubernetes.io/name=greeter,app.kubernetes.io/instance=greeter");
    assertThat(s.getConditions()).allSatisfy(c -> {
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
      assertThat(c.getObservedGeneration()).isEqualTo(3L);
    });
  }

  @Test
  void rollingOutThenReady() {
    MicroServiceStatus rolling = StatusCalculator.compute(ms(), deployment(1, 0, 1), null, null, T1);
    assertThat(summary(rolling, "Ready")).isEqualTo("False/ReplicasNotReady");
    assertThat(rolling.condition("Ready").getMessage()).isEqualTo("0 of 1 pods ready");
    assertThat(summary(rolling, "Progressing")).isEqualTo("True/RollingOut");

    MicroServiceStatus ready = StatusCalculator.compute(ms(), deployment(1, 1, 1), null, null, T1);
    assertThat(summary(ready, "Ready")).isEqualTo("True/AllReplicasReady");
    assertThat(summary(ready, "Available")).isEqualTo("True/MinimumReplicasAvailable");
    assertThat(summary(ready, "Progressing")).isEqualTo("False/RolloutComplete");
    assertThat(ready.getReadyReplicas()).isEqualTo(1);
    assertThat(ready.getReplicas()).isEqualTo(1);
  }

  @Test
  void lastTransitionTimeChangesOnlyWhenTheStatusDoes() {
    MicroService ms = ms();
    ms.setStatus(StatusCalculator.compute(ms, deployment(1, 1, 1), null, null, T1));
    MicroServiceStatus same = StatusCalculator.compute(ms, deployment(1, 1, 1), null, null, T2);
    assertThat(same).isEqualTo(ms.getStatus());
    assertThat(same.condition("Ready").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");

    MicroServiceStatus flipped = StatusCalculator.compute(ms, deployment(2, 1, 1), null, null, T2);
    assertThat(flipped.condition("Ready").getStatus()).isEqualTo("True");
    ms.getSpec().setReplicas(2);
    flipped = StatusCalculator.compute(ms, deployment(2, 1, 1), null, null, T2);
    assertThat(flipped.condition("Ready").getStatus()).isEqualTo("False");
    assertThat(flipped.condition("Ready").getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
    assertThat(flipped.condition("Available").getLastTransitionTime()).as("still available").isEqualTo("2026-01-01T10:00:00Z");
  }

  @Test
  void invalidSpecIsNotReadyAndDegradedNamingTheField() {
    SpecProblem problem = new SpecProblem(Reason.SecretNotFound,
        List.of(new Problem("spec.servers[1].kafka.security.sasl.password.secretKeyRef", "Secret 'kafka-user' not found in namespace 'shop'")));
    MicroServiceStatus s = StatusCalculator.compute(ms(), deployment(1, 1, 1), problem, null, T1);
    assertThat(summary(s, "Ready")).isEqualTo("False/SecretNotFound");
    assertThat(s.condition("Ready").getMessage())
        .isEqualTo("spec.servers[1].kafka.security.sasl.password.secretKeyRef: Secret 'kafka-user' not found in namespace 'shop'");
    assertThat(summary(s, "Degraded")).isEqualTo("True/SecretNotFound");
    assertThat(summary(s, "Progressing")).isEqualTo("False/SecretNotFound");
    assertThat(summary(s, "Available")).as("the old pods still serve").isEqualTo("True/MinimumReplicasAvailable");
  }

  @Test
  void failingRuntimeIsNotReadyAndDegradedWithItsMessage() {
    String why = "pod greeter-abc: the runtime exited with code 1: Cannot start: no endpoint named 'helo'; available: hello";
    MicroServiceStatus s = StatusCalculator.compute(ms(), deployment(1, 0, 1), null, why, T1);
    assertThat(summary(s, "Ready")).isEqualTo("False/RuntimeFailing");
    assertThat(s.condition("Ready").getMessage()).isEqualTo(why);
    assertThat(summary(s, "Degraded")).isEqualTo("True/RuntimeFailing");
  }

  @Test
  void stalledRolloutIsDegraded() {
    Deployment d = deployment(1, 0, 1);
    d.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder()
        .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded").build()));
    MicroServiceStatus s = StatusCalculator.compute(ms(), d, null, null, T1);
    assertThat(summary(s, "Degraded")).isEqualTo("True/ProgressDeadlineExceeded");
    assertThat(summary(s, "Progressing")).isEqualTo("False/ProgressDeadlineExceeded");
  }

  @Test
  void scaledToZeroIsReady() {
    MicroService ms = ms();
    ms.getSpec().setReplicas(0);
    MicroServiceStatus s = StatusCalculator.compute(ms, deployment(0, 0, 0), null, null, T1);
    assertThat(summary(s, "Ready")).isEqualTo("True/ScaledToZero");
    assertThat(summary(s, "Available")).isEqualTo("True/ScaledToZero");
  }

  @Test
  void desiredReplicasAreTheDeploymentsAndWithAutoscalingTheyDriveReadiness() {
    assertThat(StatusCalculator.compute(ms(), null, null, null, T1).getDesiredReplicas()).isNull();

    Deployment fixed = deployment(2, 2, 2);
    fixed.setSpec(new io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder().withReplicas(2).build());
    MicroService two = ms();
    two.getSpec().setReplicas(2);
    assertThat(StatusCalculator.compute(two, fixed, null, null, T1).getDesiredReplicas()).isEqualTo(2);

    MicroService autoscaled = ms();
    autoscaled.getSpec().setReplicas(null);
    var autoscaling = new dev.microservice.model.AutoscalingSpec();
    autoscaling.setMaxReplicas(5);
    autoscaling.setCpuUtilization(70);
    autoscaled.getSpec().setAutoscaling(autoscaling);
    Deployment scaled = deployment(4, 3, 4);
    scaled.setSpec(new io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder().withReplicas(4).build());
    MicroServiceStatus s = StatusCalculator.compute(autoscaled, scaled, null, null, T1);
    assertThat(s.getDesiredReplicas()).as("what the autoscaler set").isEqualTo(4);
    assertThat(s.condition("Ready").getMessage()).isEqualTo("3 of 4 pods ready");
    assertThat(summary(s, "Ready")).isEqualTo("False/ReplicasNotReady");

    Deployment caughtUp = deployment(4, 4, 4);
    caughtUp.setSpec(scaled.getSpec());
    assertThat(summary(StatusCalculator.compute(autoscaled, caughtUp, null, null, T1), "Ready")).isEqualTo("True/AllReplicasReady");
    assertThat(StatusCalculator.compute(autoscaled, caughtUp, null, null, T1))
        .as("a changed desired count is a changed status, so it is patched")
        .isNotEqualTo(StatusCalculator.compute(autoscaled, scaled, null, null, T1));
  }
}
