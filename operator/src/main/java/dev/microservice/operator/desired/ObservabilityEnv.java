package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import dev.microservice.model.ObservabilitySpec;
import dev.microservice.model.TracingSpec;
import dev.microservice.model.contract.RuntimeContract;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime container's environment for spec.observability: the standard OpenTelemetry variables of the tracing
 * SDK and the log format. The pod's name and namespace come from {@link RuntimeContract#POD_NAME_ENV} and
 * {@link RuntimeContract#POD_NAMESPACE_ENV}, which the container defines before these (Kubernetes expands
 * {@code $(NAME)} only from variables defined earlier).
 */
public final class ObservabilityEnv {
  /** Where the SDK exports its spans. */
  public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  /** The SDK's sampler. */
  public static final String SAMPLER = "OTEL_TRACES_SAMPLER";
  /** The sampler's argument: the sampling ratio. */
  public static final String SAMPLER_ARG = "OTEL_TRACES_SAMPLER_ARG";
  /** The service.name resource attribute. */
  public static final String SERVICE_NAME = "OTEL_SERVICE_NAME";
  /** Further resource attributes, key=value pairs separated by commas. */
  public static final String RESOURCE_ATTRIBUTES = "OTEL_RESOURCE_ATTRIBUTES";
  /** A new trace is sampled by ratio; a request with a caller's trace context follows the caller's decision. */
  public static final String PARENT_BASED_RATIO = "parentbased_traceidratio";

  private ObservabilityEnv() {}

  /**
   * @param ms the MicroService
   * @return the variables spec.observability asks for, in a fixed order; none when it is unset
   */
  public static List<EnvVar> of(MicroService ms) {
    ObservabilitySpec o = ms.getSpec().getObservability();
    List<EnvVar> env = new ArrayList<>();
    if (o == null) {
      return env;
    }
    TracingSpec tracing = o.getTracing();
    if (tracing != null && tracing.getEndpoint() != null) {
      env.add(new EnvVar(OTLP_ENDPOINT, tracing.getEndpoint(), null));
      env.add(new EnvVar(SAMPLER, PARENT_BASED_RATIO, null));
      env.add(new EnvVar(SAMPLER_ARG, ratio(tracing.effectiveSamplingRatio()), null));
      env.add(new EnvVar(SERVICE_NAME, ms.getMetadata().getName(), null));
      env.add(new EnvVar(RESOURCE_ATTRIBUTES, "k8s.namespace.name=$(" + RuntimeContract.POD_NAMESPACE_ENV
          + "),k8s.pod.name=$(" + RuntimeContract.POD_NAME_ENV + ")", null));
    }
    env.add(new EnvVar(RuntimeContract.LOG_FORMAT_ENV, o.effectiveLogFormat().value(), null));
    return env;
  }

  /** @return the ratio as a plain decimal the SDK parses: 1, 0.25, 0.0001 (not 1.0E-4) */
  public static String ratio(double ratio) {
    return BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString();
  }
}
