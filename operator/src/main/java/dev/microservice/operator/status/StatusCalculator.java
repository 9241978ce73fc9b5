package dev.microservice.operator.status;

import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceStatus;
import dev.microservice.operator.desired.AutoscalingPlan;
import dev.microservice.operator.desired.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes a MicroService's status from its spec, its Deployment and the spec problems found: a
 * plain function. A condition keeps its lastTransitionTime while its status stays the same. Every condition has the
 * fields the CRD requires (metav1.Condition's): a reason, a non-empty message and an RFC 3339 lastTransitionTime.
 */
public final class StatusCalculator {
  private StatusCalculator() {}

  /**
   * @param ms the MicroService, with its current status (or none)
   * @param deployment its Deployment, or null when there is none
   * @param problem null when the spec is valid, else why not
   * @param podFailure null when no runtime container is failing, else why one is
   * @param now the time to stamp on conditions that change
   * @return the new status
   */
  public static MicroServiceStatus compute(MicroService ms, Deployment deployment, SpecProblem problem, String podFailure,
      Instant now) {
    Integer deploymentReplicas = deployment == null || deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
    // With autoscaling the Deployment's count (what the autoscaler set) is the desired one; else the spec's.
    int desired = ms.getSpec().getAutoscaling() != null && deploymentReplicas != null ? deploymentReplicas
        : ms.getSpec().effectiveReplicas();
    DeploymentStatus ds = deployment == null || deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    int replicas = orZero(ds.getReplicas());
    int ready = orZero(ds.getReadyReplicas());
    int available = orZero(ds.getAvailableReplicas());
    int updated = orZero(ds.getUpdatedReplicas());
    boolean stalled = deployment != null && deadlineExceeded(ds);

    List<Condition> conditions = new ArrayList<>();
    if (problem != null) {
      conditions.add(condition("Ready", false, problem.reason(), problem.message()));
    } else if (deployment == null) {
      conditions.add(condition("Ready", false, Reason.Creating, "creating the runtime Deployment"));
    } else if (podFailure != null) {
      conditions.add(condition("Ready", false, Reason.RuntimeFailing, podFailure));
    } else if (desired == 0) {
      conditions.add(condition("Ready", true, Reason.ScaledToZero, "scaled to zero replicas"));
    } else if (ready >= desired && updated >= desired) {
      conditions.add(condition("Ready", true, Reason.AllReplicasReady, ready + " of " + desired + " pods ready"));
    } else {
      conditions.add(condition("Ready", false, Reason.ReplicasNotReady, ready + " of " + desired + " pods ready"));
    }
    boolean availableNow = desired == 0 ? deployment != null : available > 0;
    conditions.add(condition("Available", availableNow,
        desired == 0 && deployment != null ? Reason.ScaledToZero : availableNow ? Reason.MinimumReplicasAvailable : Reason.NoReplicasAvailable,
        available + " pods available"));
    conditions.add(progressing(problem, deployment, stalled, desired, updated, ready, replicas));
    if (problem != null) {
      conditions.add(condition("Degraded", true, problem.reason(), problem.message()));
    } else if (podFailure != null && deployment != null) {
      conditions.add(condition("Degraded", true, Reason.RuntimeFailing, podFailure));
    } else if (stalled) {
      conditions.add(condition("Degraded", true, Reason.ProgressDeadlineExceeded, "the rollout made no progress in time; see the Deployment's pods"));
    } else {
      conditions.add(condition("Degraded", false, Reason.AsExpected, "no problems found"));
    }

    MicroServiceStatus status = new MicroServiceStatus();
    status.setObservedGeneration(ms.getMetadata().getGeneration());
    status.setReplicas(replicas);
    status.setReadyReplicas(ready);
    status.setAvailableReplicas(available);
    status.setDesiredReplicas(deploymentReplicas);
    status.setSelector(Labels.selectorString(ms));
    status.setConditions(stamp(conditions, ms.getStatus(), ms.getMetadata().getGeneration(), now));
    return status;
  }

  /** As above, plus the {@link AutoscalingCondition} when the spec is valid and asks for autoscaling. */
  public static MicroServiceStatus compute(MicroService ms, Deployment deployment, SpecProblem problem, String podFailure,
      AutoscalingPlan plan, Instant now) {
    MicroServiceStatus status = compute(ms, deployment, problem, podFailure, now);
    Condition autoscaling = problem == null ? AutoscalingCondition.of(ms, plan) : null;
    if (autoscaling != null) {
      status.getConditions().addAll(stamp(List.of(autoscaling), ms.getStatus(), ms.getMetadata().getGeneration(), now));
    }
    return status;
  }

  private static Condition progressing(SpecProblem problem, Deployment deployment, boolean stalled, int desired, int updated,
      int ready, int replicas) {
    if (problem != null) {
      return condition("Progressing", false, problem.reason(), "not rolling out: the spec is invalid");
    }
    if (deployment == null) {
      return condition("Progressing", true, Reason.Creating, "creating the runtime Deployment");
    }
    if (stalled) {
      return condition("Progressing", false, Reason.ProgressDeadlineExceeded, "the rollout made no progress in time");
    }
    boolean done = updated >= desired && ready >= desired && replicas <= desired;
    return done
        ? condition("Progressing", false, Reason.RolloutComplete, "every pod runs the current spec")
        : condition("Progressing", true, Reason.RollingOut, updated + " of " + desired + " pods updated, " + ready + " ready");
  }

  private static boolean deadlineExceeded(DeploymentStatus ds) {
    if (ds.getConditions() == null) {
      return false;
    }
    for (DeploymentCondition c : ds.getConditions()) {
      if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
        return true;
      }
    }
    return false;
  }

  private static List<Condition> stamp(List<Condition> conditions, MicroServiceStatus previous, Long generation, Instant now) {
    String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)); // RFC 3339, as the CRD requires
    for (Condition c : conditions) {
      Condition before = previous == null ? null : previous.condition(c.getType());
      c.setLastTransitionTime(before != null && Objects.equals(before.getStatus(), c.getStatus()) && before.getLastTransitionTime() != null
          ? before.getLastTransitionTime() : time);
      c.setObservedGeneration(generation);
    }
    return conditions;
  }

  static Condition condition(String type, boolean status, Reason reason, String message) {
    return new ConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason.name())
        .withMessage(ConditionMessage.of(reason, message)).build();
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }
}
