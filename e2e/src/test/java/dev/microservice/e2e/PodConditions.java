package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A pod's conditions, each keeping its lastTransitionTime until its status changes, as the kubelet keeps them. */
final class PodConditions {
  private final Map<String, PodCondition> conditions = new LinkedHashMap<>();

  /**
   * @param scheduled the PodScheduled condition the binding set, kept as it is; null for one set now
   */
  PodConditions(PodCondition scheduled) {
    conditions.put("PodScheduled", scheduled != null ? scheduled : condition("PodScheduled", true, null, null, now()));
  }

  /** Sets a condition; its lastTransitionTime changes only when its status does. */
  synchronized void set(String type, boolean status, String reason, String message) {
    PodCondition before = conditions.get(type);
    String time = before != null && Objects.equals(before.getStatus(), status ? "True" : "False") ? before.getLastTransitionTime() : now();
    conditions.put(type, condition(type, status, reason, message, time));
  }

  synchronized List<PodCondition> all() {
    return new ArrayList<>(conditions.values());
  }

  private static PodCondition condition(String type, boolean status, String reason, String message, String time) {
    return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").withReason(reason).withMessage(message)
        .withLastTransitionTime(time).build();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
