package dev.microservice.cli;

import dev.microservice.model.TracingSpec;
import dev.microservice.operator.desired.ObservabilityEnv;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * msvc run's tracing and log flags. The runtime runs in this JVM, so the OTEL_* variables a pod gets from
 * spec.observability.tracing become the system properties the OpenTelemetry SDK reads as it reads those variables
 * (otel.exporter.otlp.endpoint for OTEL_EXPORTER_OTLP_ENDPOINT...), without the Kubernetes resource attributes.
 */
final class LocalObservability {
  private LocalObservability() {}

  /**
   * @param service the MicroService's name, the traces' service.name
   * @param endpoint the OTLP receiver
   * @param ratio the sampling ratio of new traces
   * @return the system properties, in the order of the pod's variables
   */
  static Map<String, String> tracingProperties(String service, String endpoint, double ratio) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(property(ObservabilityEnv.OTLP_ENDPOINT), endpoint);
    p.put(property(ObservabilityEnv.SAMPLER), ObservabilityEnv.PARENT_BASED_RATIO);
    p.put(property(ObservabilityEnv.SAMPLER_ARG), ObservabilityEnv.ratio(ratio));
    p.put(property(ObservabilityEnv.SERVICE_NAME), service);
    return p;
  }

  /** @return the system property the SDK reads for an environment variable: OTEL_SERVICE_NAME is otel.service.name */
  static String property(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
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
