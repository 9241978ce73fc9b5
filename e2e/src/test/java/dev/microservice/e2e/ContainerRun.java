package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** One container of a pod as the kubelet reports it: its state, last termination, restarts, start-up and readiness. */
final class ContainerRun {
  private final String name;
  private final String image;
  private final String imageId;
  private String containerId;
  private String waitingReason;
  private String waitingMessage;
  private Instant runningSince;
  private ContainerStateTerminated terminated;
  private ContainerStateTerminated lastTerminated;
  private boolean started;
  private boolean ready;
  private boolean everStarted;
  private int restartCount;

  /**
   * @param name the container's name
   * @param image its image, as the spec names it
   * @param imageId the image's ID
   * @param waitingReason why it waits before it first runs: ContainerCreating or PodInitializing
   */
  ContainerRun(String name, String image, String imageId, String waitingReason) {
    this.name = name;
    this.image = image;
    this.imageId = imageId;
    this.waitingReason = waitingReason;
  }

  /** A new process of the container runs (a restart when one ran before). */
  synchronized void running() {
    if (everStarted) {
      restartCount++;
    }
    everStarted = true;
    containerId = "node-agent://" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    runningSince = now();
    waitingReason = null;
    waitingMessage = null;
    started = false;
    ready = false;
  }

  /**
   * The process exited.
   *
   * @param exitCode its exit code
   * @param message the termination message, or null
   * @param backOff the back-off before the next start, or null when it is not restarted (a completed init container)
   */
  synchronized void exited(int exitCode, String message, Long backOff) {
    ContainerStateTerminated t = new ContainerStateTerminatedBuilder().withExitCode(exitCode)
        .withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message == null || message.isEmpty() ? null : message)
        .withStartedAt(runningSince.toString()).withFinishedAt(now().toString()).withContainerID(containerId).build();
    runningSince = null;
    started = false;
    ready = false;
    if (backOff == null) {
      terminated = t;
    } else {
      lastTerminated = t;
      waitingReason = "CrashLoopBackOff";
      waitingMessage = "back-off " + backOff / 1000 + "s restarting failed container=" + name;
    }
  }

  /** The probes' latest verdict while it runs. */
  synchronized void probed(boolean nowStarted, boolean nowReady) {
    started = nowStarted;
    ready = nowStarted && nowReady;
  }

  synchronized boolean ready() {
    return ready;
  }

  /** @return whether a process of it ever ran */
  synchronized boolean everStarted() {
    return everStarted;
  }

  /** @return whether it ran to completion (an init container) */
  synchronized boolean completed() {
    return terminated != null && terminated.getExitCode() == 0;
  }

  /** @return its status, as the kubelet writes it in the Pod's status */
  synchronized ContainerStatus status() {
    ContainerStatusBuilder status = new ContainerStatusBuilder().withName(name).withImage(image).withImageID(imageId)
        .withContainerID(containerId).withReady(terminated != null ? terminated.getExitCode() == 0 : ready)
        .withStarted(runningSince != null && started).withRestartCount(restartCount);
    if (terminated != null) {
      status.withNewState().withTerminated(terminated).endState();
    } else if (runningSince != null) {
      status.withNewState().withNewRunning().withStartedAt(runningSince.toString()).endRunning().endState();
    } else {
      status.withNewState().withNewWaiting().withReason(waitingReason).withMessage(waitingMessage).endWaiting().endState();
    }
    if (lastTerminated != null) {
      status.withNewLastState().withTerminated(lastTerminated).endLastState();
    }
    return status.build();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
