package dev.microservice.operator.status;

import dev.microservice.model.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a spec cannot be reconciled: a reason and the problems, each naming its field.
 *
 * @param reason the condition and event reason
 * @param problems what is wrong, field by field
 */
public record SpecProblem(Reason reason, List<Problem> problems) {

  /** @return the problems as one message, e.g. {@code spec.endpoints.image: is required} */
  public String message() {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
