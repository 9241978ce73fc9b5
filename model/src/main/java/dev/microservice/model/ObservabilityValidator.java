package dev.microservice.model;

import java.util.List;

/** The rules of spec.observability, with the paths and words of the CRD's schema and CEL rules. */
final class ObservabilityValidator {
  private final List<Problem> problems;

  ObservabilityValidator(List<Problem> problems) {
    this.problems = problems;
  }

  void validate(MicroServiceSpec spec) {
    ObservabilitySpec o = spec.getObservability();
    if (o == null || o.getTracing() == null) {
      return;
    }
    String path = "spec.observability.tracing";
    TracingSpec t = o.getTracing();
    String endpoint = t.getEndpoint();
    if (endpoint == null || endpoint.isEmpty()) {
      problems.add(new Problem(path + ".endpoint", "is required"));
    } else if (endpoint.length() > TracingSpec.MAX_ENDPOINT_LENGTH) {
      problems.add(new Problem(path + ".endpoint", "must be at most " + TracingSpec.MAX_ENDPOINT_LENGTH
          + " characters, got " + endpoint.length()));
    } else if (!TracingSpec.isEndpoint(endpoint)) {
      problems.add(new Problem(path + ".endpoint", TracingSpec.BAD_ENDPOINT));
    }
    Double ratio = t.getSamplingRatio();
    if (ratio != null && !(ratio >= 0 && ratio <= 1)) {
      problems.add(new Problem(path + ".samplingRatio", "must be between 0 and 1, got " + ratio));
    }
  }
}
