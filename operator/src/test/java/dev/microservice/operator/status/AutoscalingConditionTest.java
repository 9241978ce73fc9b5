package dev.microservice.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceStatus;
import dev.microservice.model.Problem;
import dev.microservice.operator.TestResources;
import dev.microservice.operator.desired.AutoscalingPlan;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Autoscaling condition: which autoscaler runs, or why the one asked for cannot and what stands in. */
class AutoscalingConditionTest {
  static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-01-01T10:05:00Z");

  static MicroService autoscaled() {
    MicroService ms = TestResources.read(Path.of("src/test/resources/autoscaling/greeter-autoscaled.yaml"), MicroService.class);
    ms.getMetadata().setNamespace("shop");
    ms.getMetadata().setGeneration(1L);
    return ms;
  }

  static Condition of(MicroService ms, boolean keda) {
    return AutoscalingCondition.of(ms, AutoscalingPlan.of(ms, keda));
  }

  @Test
  void saysWhichAutoscalerRuns() {
    MicroService ms = autoscaled();
    assertThat(of(ms, true)).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("ScaledByKeda");
      assertThat(c.getMessage()).isEqualTo("KEDA ScaledObject greeter scales 1 to 10 replicas on Kafka lag (100 records per"
          + " replica) and CPU (70% of the request)");
    });
    ms.getSpec().getAutoscaling().setKafkaLag(null);
    assertThat(of(ms, false).getReason()).isEqualTo("ScaledByHpa");
    assertThat(of(ms, false).getMessage()).isEqualTo("HorizontalPodAutoscaler greeter scales 1 to 10 replicas on CPU (70% of the request)");
    ms.getSpec().setAutoscaling(null);
    assertThat(of(ms, true)).isNull();
  }

  @Test
  void kedaNotInstalledSaysWhatStandsIn() {
    MicroService ms = autoscaled();
    assertThat(of(ms, false).getStatus()).isEqualTo("False");
    assertThat(of(ms, false).getMessage()).contains("a HorizontalPodAutoscaler scales on CPU");
    ms.getSpec().getAutoscaling().setCpuUtilization(null);
    assertThat(of(ms, false).getMessage()).contains("the Deployment keeps its current replica count");
  }

  @Test
  void unsupportedSecurityNamesTheField() {
    MicroService ms = autoscaled();
    ms.getSpec().getServers().get(1).getKafka().getSecurity().getTls().setTruststoreType("PKCS12");
    Condition c = of(ms, true);
    assertThat(c.getReason()).isEqualTo("KedaUnsupportedServer");
    assertThat(c.getMessage()).startsWith("no KEDA ScaledObject: spec.servers[1].kafka.security.tls.truststore: KEDA's kafka"
        + " scaler reads PEM only; a PKCS12 store").endsWith("a HorizontalPodAutoscaler scales on CPU"
        + " (spec.autoscaling.cpuUtilization) instead, with at least 1 replica");
  }

  @Test
  void theConditionKeepsItsTransitionTimeAndGoesWithAnInvalidSpec() {
    MicroService ms = autoscaled();
    MicroServiceStatus first = StatusCalculator.compute(ms, null, null, null, AutoscalingPlan.of(ms, false), T1);
    assertThat(first.condition("Autoscaling").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    ms.setStatus(first);
    MicroServiceStatus again = StatusCalculator.compute(ms, null, null, null, AutoscalingPlan.of(ms, false), T2);
    assertThat(again.condition("Autoscaling").getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    MicroServiceStatus installed = StatusCalculator.compute(ms, null, null, null, AutoscalingPlan.of(ms, true), T2);
    assertThat(installed.condition("Autoscaling").getLastTransitionTime()).isEqualTo("2026-01-01T10:05:00Z");
    SpecProblem problem = new SpecProblem(Reason.InvalidSpec, List.of(new Problem("spec.x", "bad")));
    assertThat(StatusCalculator.compute(ms, null, problem, null, null, T2).condition("Autoscaling")).isNull();
  }
}
