package dev.microservice.runtime.tracing;

import java.util.Map;

/**
 * Starts the span of each handled request. With an OTLP endpoint configured ({@code OTEL_*}) spans
 * are recorded and exported by the OpenTelemetry SDK; without one they only carry the incoming
 * W3C trace context on (no SDK class is even loaded).
 */
public interface Tracing extends AutoCloseable {
  /** What a span stands for: a gRPC call served, or a Kafka record processed. */
  enum Kind { SERVER, CONSUMER }

  /**
   * Reads the {@code OTEL_*} variables and sets tracing up.
   *
   * @param env the environment
   * @param microservice the MicroService's name (the default service.name)
   * @throws dev.microservice.runtime.StartupException naming a variable with a bad value
   */
  static Tracing fromEnv(Map<String, String> env, String microservice) {
    TracingSettings settings = TracingSettings.fromEnv(env, microservice);
    return settings.exporting() ? SdkTracing.start(settings, microservice) : off(microservice);
  }

  /** @return tracing that exports nothing and passes incoming trace context on */
  static Tracing off(String microservice) {
    return new PropagatingTracing(microservice);
  }

  /** @return the MicroService's name, for logs and attributes */
  String microservice();

  /**
   * Starts a span as a child of the incoming {@code traceparent}/{@code tracestate}, or a new trace without one.
   *
   * @param kind SERVER or CONSUMER
   * @param name the span name, e.g. {@code rpc.MessageService/Command} or {@code process orders}
   * @param incoming the request's headers
   */
  default RequestSpan start(Kind kind, String name, HeaderReader incoming) {
    return start(kind, name, NO_CONSTANTS, incoming);
  }

  /**
   * Starts a span, like {@link #start(Kind, String, HeaderReader)}, that carries these attributes from the start.
   *
   * @param constants attributes shared by many spans, prepared once
   */
  RequestSpan start(Kind kind, String name, SpanConstants constants, HeaderReader incoming);

  /** No constant attributes. */
  SpanConstants NO_CONSTANTS = SpanConstants.of();

  /** Exports what is left (waiting a few seconds at most) and stops. */
  @Override
  void close();

  /** Tracing off: spans only propagate. */
  final class PropagatingTracing implements Tracing {
    private final String microservice;

    PropagatingTracing(String microservice) {
      this.microservice = microservice;
    }

    @Override
    public String microservice() {
      return microservice;
    }

    @Override
    public RequestSpan start(Kind kind, String name, SpanConstants constants, HeaderReader incoming) {
      return PropagatedSpan.childOf(incoming);
    }

    @Override
    public void close() {
      // nothing to flush
    }
  }
}
