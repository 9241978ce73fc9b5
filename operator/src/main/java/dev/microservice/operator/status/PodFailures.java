package dev.microservice.operator.status;

import dev.microservice.operator.desired.RuntimePodTemplate;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds a runtime container that keeps failing (crash loop, start-up error, image pull error) and
 * says why, from its termination message: with {@code FallbackToLogsOnError}, the last lines of
 * its log, where the runtime writes why it cannot start.
 */
public final class PodFailures {
  private static final Set<String> FAILING_WAITING_REASONS = Set.of("CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff",
      "CreateContainerConfigError", "CreateContainerError", "InvalidImageName");
  private static final int MAX_MESSAGE = 600;

  private PodFailures() {}

  /** @return why a runtime container of these pods is failing, or empty when none is */
  public static Optional<String> of(Collection<Pod> pods) {
    return pods.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .map(PodFailures::failure)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static Optional<String> failure(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
      if (!RuntimePodTemplate.RUNTIME_CONTAINER.equals(c.getName()) || Boolean.TRUE.equals(c.getReady())) {
        continue;
      }
      ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
      ContainerStateTerminated terminated = c.getState() != null && c.getState().getTerminated() != null
          ? c.getState().getTerminated() : c.getLastState() == null ? null : c.getLastState().getTerminated();
      boolean crashed = terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0;
      boolean stuck = waiting != null && FAILING_WAITING_REASONS.contains(waiting.getReason());
      if (crashed || stuck) {
        String why = crashed ? "exited with code " + terminated.getExitCode() + condense(terminated.getMessage())
            : waiting.getReason() + condense(waiting.getMessage());
        return Optional.of("pod " + pod.getMetadata().getName() + ": the runtime " + why);
      }
    }
    return Optional.empty();
  }

  /** The termination message on one line, without log timestamps and levels. */
  static String condense(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String text = message.lines()
        .map(l -> l.replaceFirst("^\\S+ \\[[A-Z]+\\] \\S+ - ", "").strip())
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining(" "));
    return ": " + (text.length() > MAX_MESSAGE ? "..." + text.substring(text.length() - MAX_MESSAGE) : text);
  }
}
