package dev.microservice.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodFailuresTest {
  static Pod pod(String name, boolean ready, Integer exitCode, String waitingReason, String message) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName(name).endMetadata();
    var status = b.withNewStatus().addNewContainerStatus().withName("runtime").withReady(ready);
    if (waitingReason != null) {
      status.withNewState().withNewWaiting().withReason(waitingReason).endWaiting().endState();
    }
    if (exitCode != null) {
      status.withNewLastState().withNewTerminated().withExitCode(exitCode).withMessage(message).endTerminated().endLastState();
    }
    return status.endContainerStatus().endStatus().build();
  }

  @Test
  void reportsACrashingRuntimeWithItsLastLogLines() {
    String log = "19:37:41.565 [INFO] EndpointLoader - Loaded 1 endpoint(s) from /endpoints: hello\n"
        + "19:37:41.600 [ERROR] Main - Cannot start: services name endpoints that /endpoints does not provide:\n"
        + "  spec.servers[0].namespaces[0].services[0].endpoint: no endpoint named 'helo'; available: hello\n";
    assertThat(PodFailures.of(List.of(pod("greeter-1", false, 1, "CrashLoopBackOff", log)))).contains(
        "pod greeter-1: the runtime exited with code 1: Loaded 1 endpoint(s) from /endpoints: hello Cannot start: services name "
            + "endpoints that /endpoints does not provide: spec.servers[0].namespaces[0].services[0].endpoint: no endpoint named "
            + "'helo'; available: hello");
  }

  @Test
  void reportsImagePullErrors() {
    assertThat(PodFailures.of(List.of(pod("greeter-1", false, null, "ImagePullBackOff", null))))
        .contains("pod greeter-1: the runtime ImagePullBackOff");
  }

  @Test
  void healthyOrStartingPodsAreNotFailures() {
    assertThat(PodFailures.of(List.of(pod("a", true, 1, null, "old crash"), pod("b", false, null, "ContainerCreating", null),
        pod("c", false, 0, null, "clean exit")))).isEmpty();
  }
}
