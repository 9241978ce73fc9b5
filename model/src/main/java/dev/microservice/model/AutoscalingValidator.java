package dev.microservice.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The rules of spec.autoscaling and spec.disruption, with the paths and words of the CRD's CEL rules. */
final class AutoscalingValidator {
  private static final Pattern PERCENT = Pattern.compile("^[0-9]{1,3}%$");
  private final List<Problem> problems;

  AutoscalingValidator(List<Problem> problems) {
    this.problems = problems;
  }

  void validate(MicroServiceSpec spec, RangeCheck range) {
    AutoscalingSpec a = spec.getAutoscaling();
    if (a != null) {
      autoscaling(spec, a, range);
    }
    DisruptionSpec d = spec.getDisruption();
    if (d != null && d.getMaxUnavailable() != null && !validMaxUnavailable(d.getMaxUnavailable())) {
      problems.add(new Problem("spec.disruption.maxUnavailable", DisruptionSpec.BAD_MAX_UNAVAILABLE));
    }
  }

  private void autoscaling(MicroServiceSpec spec, AutoscalingSpec a, RangeCheck range) {
    String path = "spec.autoscaling";
    if (spec.getReplicas() != null) {
      problems.add(new Problem(path, MicroServiceSpec.REPLICAS_AND_AUTOSCALING));
    }
    boolean minOk = range.check(path + ".minReplicas", a.getMinReplicas(), 0, MicroServiceSpec.MAX_REPLICAS);
    if (a.getMaxReplicas() == null) {
      problems.add(new Problem(path + ".maxReplicas", "is required"));
    } else if (range.check(path + ".maxReplicas", a.getMaxReplicas(), 1, MicroServiceSpec.MAX_REPLICAS) && minOk
        && a.getMaxReplicas() < a.effectiveMinReplicas()) {
      problems.add(new Problem(path + ".maxReplicas", AutoscalingSpec.MAX_BELOW_MIN));
    }
    range.check(path + ".cpuUtilization", a.getCpuUtilization(), 1, 1000);
    if (a.getKafkaLag() != null && a.getKafkaLag() < 1) {
      problems.add(new Problem(path + ".kafkaLag", "must be at least 1, got " + a.getKafkaLag()));
    }
    if (a.getCpuUtilization() == null && a.getKafkaLag() == null) {
      problems.add(new Problem(path, AutoscalingSpec.NO_METRIC));
    }
    if (a.effectiveMinReplicas() == 0) {
      if (a.getKafkaLag() == null) {
        problems.add(new Problem(path + ".minReplicas", AutoscalingSpec.ZERO_WITHOUT_LAG));
      }
      if (servers(spec).stream().anyMatch(s -> s.getKafka() == null)) {
        problems.add(new Problem(path + ".minReplicas", MicroServiceSpec.ZERO_WITH_GRPC));
      }
    }
    if (a.getKafkaLag() != null && servers(spec).stream().noneMatch(AutoscalingValidator::groupConsumer)) {
      problems.add(new Problem(path + ".kafkaLag", MicroServiceSpec.LAG_WITHOUT_GROUP));
    }
  }

  /** @return whether the server is a Kafka server that consumes as a consumer group, whose lag KEDA can read */
  static boolean groupConsumer(ServerSpec s) {
    return s.getKafka() != null && s.getKafka().getConsumption() != Consumption.SHARE;
  }

  private static boolean validMaxUnavailable(IntOrString v) {
    if (v.getIntVal() != null) {
      return v.getIntVal() >= 0;
    }
    return v.getStrVal() != null && PERCENT.matcher(v.getStrVal()).matches();
  }

  private static List<ServerSpec> servers(MicroServiceSpec spec) {
    return spec.getServers() == null ? List.of() : spec.getServers().stream().filter(Objects::nonNull).toList();
  }

  /** A range check that records its problem, as ManifestValidator's. */
  interface RangeCheck {
    boolean check(String path, Integer value, int min, int max);
  }
}
