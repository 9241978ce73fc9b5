package dev.microservice.cli;

import dev.microservice.model.TracingSpec;
import dev.microservice.operator.desired.ObservabilityEnv;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * msvc run's tracing and log flags: the OTEL_* variables a pod gets from spec.observability.tracing, without the
 * Kubernetes resource attributes, handed to the runtime (which runs in this JVM) over msvc's own environment.
 */
final class LocalObservability {
  private LocalObservability() {}

  /**
   * @param service the MicroService's name, the traces' service.name
   * @param endpoint the OTLP receiver
   * @param ratio the sampling ratio of new traces
   * @return the variables, in the order of the pod's
   */
  static Map<String, String> tracingEnv(String service, String endpoint, double ratio) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(ObservabilityEnv.OTLP_ENDPOINT, endpoint);
    p.put(ObservabilityEnv.SAMPLER, ObservabilityEnv.PARENT_BASED_RATIO);
    p.put(ObservabilityEnv.SAMPLER_ARG, ObservabilityEnv.ratio(ratio));
    p.put(ObservabilityEnv.SERVICE_NAME, service);
    return p;
  }

  /** @return msvc's environment with the flags' variables over it (a flag wins over the same variable) */
  static Map<String, String> runtimeEnv(Map<String, String> own, Map<String, String> flags) {
    Map<String, String> env = new LinkedHashMap<>(own);
    env.putAll(flags);
    return env;
  }

  /** Accepts an absolute http:// or https:// URL. */
  static final class Endpoint implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!TracingSpec.isEndpoint(value)) {
        throw new TypeConversionException("'" + value + "' " + TracingSpec.BAD_ENDPOINT.replace("such as"
            + " http://otel-collector.monitoring:4318", "such as http://localhost:4318"));
      }
      return value;
    }
  }

  /** Accepts a number from 0 to 1. */
  static final class Ratio implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double r = Double.parseDouble(value);
        if (r >= 0 && r <= 1) {
          return r;
        }
      } catch (NumberFormatException e) {
        // the message below
      }
      throw new TypeConversionException("'" + value + "' is not a ratio from 0 to 1, such as 0.25");
    }
  }

  /** Accepts text or json. */
  static final class Format implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.equals("text") && !value.equals("json")) {
        throw new TypeConversionException("'" + value + "' is not a log format: text or json");
      }
      return value;
    }
  }
}
