package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** A PodDisruptionBudget for the runtime pods, so that drains and node upgrades keep the service up. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DisruptionSpec {
  /** The pods a drain may take down at once when maxUnavailable is not set. */
  public static final int DEFAULT_MAX_UNAVAILABLE = 1;
  static final String BAD_MAX_UNAVAILABLE = "must be a number of pods (0 or more) or a percentage such as '25%'";

  @JsonPropertyDescription("Runtime pods a voluntary disruption (a drain, an eviction) may take down at once: a number"
      + " such as 1 or a percentage such as '25%'. 0 blocks every eviction. 1 when unset.")
  @ValidationRule(value = "type(self) == int ? self >= 0 : self.matches('^[0-9]{1,3}%$')",
      message = DisruptionSpec.BAD_MAX_UNAVAILABLE)
  private IntOrString maxUnavailable;

  public IntOrString getMaxUnavailable() {
    return maxUnavailable;
  }

  public void setMaxUnavailable(IntOrString maxUnavailable) {
    this.maxUnavailable = maxUnavailable;
  }

  /** @return maxUnavailable, or its default when unset */
  public IntOrString effectiveMaxUnavailable() {
    return maxUnavailable == null ? new IntOrString(DEFAULT_MAX_UNAVAILABLE) : maxUnavailable;
  }
}
