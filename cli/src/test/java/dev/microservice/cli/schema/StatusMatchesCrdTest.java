package dev.microservice.cli.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceStatus;
import dev.microservice.model.Problem;
import dev.microservice.operator.status.Reason;
import dev.microservice.operator.status.SpecProblem;
import dev.microservice.operator.status.StatusCalculator;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every status the operator computes passes the CRD's status schema (metav1.Condition's required fields, patterns and
 * lengths), so the API server accepts the status patch; also with an empty or a huge problem message.
 */
class StatusMatchesCrdTest {
  static final CrdValidator VALIDATOR = CrdValidator.load();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  static final Instant NOW = Instant.parse("2026-01-01T10:00:00.123456Z");

  static Stream<Arguments> statuses() {
    Deployment ready = new DeploymentBuilder().withNewMetadata().withName("greeter").endMetadata()
        .withNewStatus().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withUpdatedReplicas(1).endStatus()
        .build();
    SpecProblem empty = new SpecProblem(Reason.InvalidSpec, List.of());
    SpecProblem huge = new SpecProblem(Reason.InvalidSpec, List.of(new Problem("spec.config", "x".repeat(40_000))));
    return Stream.of(
        Arguments.of("creating", null, null, null),
        Arguments.of("ready", ready, null, null),
        Arguments.of("invalid spec without problems", ready, empty, null),
        Arguments.of("invalid spec with a huge message", null, huge, null),
        Arguments.of("runtime failing with a blank reason text", ready, null, " "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statuses")
  void theApiServerWouldAcceptTheStatus(String name, Deployment deployment, SpecProblem problem, String podFailure)
      throws IOException {
    MicroService ms = TestResources.hello();
    MicroServiceStatus status = StatusCalculator.compute(ms, deployment, problem, podFailure, NOW);
    ms.setStatus(status);
    JsonNode tree = SERIALIZATION.convertValue(ms, JsonNode.class);
    assertThat(VALIDATOR.validate(tree)).isEmpty();
    assertThat(status.getConditions()).allSatisfy(c -> {
      assertThat(c.getReason()).isNotBlank();
      assertThat(c.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(32768);
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    });
  }
}
