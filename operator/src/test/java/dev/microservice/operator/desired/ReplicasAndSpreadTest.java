package dev.microservice.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.AutoscalingSpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.PodSpecOverrides;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who owns the replica count, and the default spread of the pods over nodes. */
class ReplicasAndSpreadTest {
  static MicroService autoscaled(int max) {
    MicroService ms = TestResources.hello();
    ms.getSpec().setReplicas(null);
    AutoscalingSpec autoscaling = new AutoscalingSpec();
    autoscaling.setMaxReplicas(max);
    autoscaling.setCpuUtilization(70);
    ms.getSpec().setAutoscaling(autoscaling);
    return ms;
  }

  static List<TopologySpreadConstraint> spread(MicroService ms) {
    return RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE).getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
  }

  /** The default constraint, written out. */
  static final TopologySpreadConstraint DEFAULT = new TopologySpreadConstraintBuilder()
      .withMaxSkew(1)
      .withTopologyKey("kubernetes.io/hostname")
      .withWhenUnsatisfiable("ScheduleAnyway")
      .withNewLabelSelector()
      .withMatchLabels(Map.of("app.kubernetes.io/name", "greeter", "app.kubernetes.io/instance", "greeter"))
      .endLabelSelector()
      .withMatchLabelKeys("pod-template-hash")
      .build();

  @Test
  void withAutoscalingTheDeploymentHasNoReplicasAndSpreadsUpToMaxReplicas() throws IOException {
    Deployment d = RuntimeDeployment.of(autoscaled(4), TestResources.RUNTIME_IMAGE);
    DesiredStateTest.assertMatchesGolden(d, "greeter-autoscaled-deployment.yaml", Deployment.class);
    assertThat(d.getSpec().getReplicas()).isNull();
    assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).containsExactly(DEFAULT);
  }

  @Test
  void withoutAutoscalingReplicasAreTheSpecsOrOne() {
    MicroService ms = TestResources.hello();
    ms.getSpec().setReplicas(3);
    assertThat(RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE).getSpec().getReplicas()).isEqualTo(3);
    ms.getSpec().setReplicas(null);
    assertThat(RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void spreadsOnlyWhenMoreThanOnePodMayRun() {
    MicroService one = TestResources.hello();
    one.getSpec().setReplicas(1);
    assertThat(spread(one)).isNull();
    MicroService two = TestResources.hello();
    two.getSpec().setReplicas(2);
    assertThat(spread(two)).containsExactly(DEFAULT);
    assertThat(spread(autoscaled(1))).isNull();
    assertThat(spread(autoscaled(2))).containsExactly(DEFAULT);
  }

  @Test
  void theUsersConstraintsReplaceTheDefaultAndAnEmptyListMeansNone() {
    TopologySpreadConstraint zones = new TopologySpreadConstraintBuilder().withMaxSkew(2).withTopologyKey("topology.kubernetes.io/zone")
        .withWhenUnsatisfiable("DoNotSchedule").build();
    MicroService given = TestResources.hello();
    given.getSpec().setReplicas(3);
    given.getSpec().setPod(new PodSpecOverrides());
    given.getSpec().getPod().setTopologySpreadConstraints(List.of(zones));
    assertThat(spread(given)).containsExactly(zones);

    given.getSpec().getPod().setTopologySpreadConstraints(List.of());
    assertThat(spread(given)).isNull();
  }
}
