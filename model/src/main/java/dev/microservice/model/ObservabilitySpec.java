package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;

/** How the runtime can be observed beyond its metrics: traces exported over OTLP and the format of its logs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tracing", "logFormat"})
public class ObservabilitySpec {
  /** The format of the runtime's log lines. */
  public enum LogFormat {
    /** One line of text an event, as the runtime always logged. */
    @JsonProperty("text") TEXT,
    /** One JSON object a line, with the trace and span ids and the request's MicroService, server, namespace, service. */
    @JsonProperty("json") JSON;

    /** @return the value as written in a manifest and in the runtime's LOG_FORMAT variable */
    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @JsonPropertyDescription("Export a span for each request (gRPC call or Kafka record) over OTLP, with W3C trace"
      + " context taken from the caller and passed on in every record the runtime writes. Unset: nothing is"
      + " exported (trace context is still passed on).")
  private TracingSpec tracing;

  @JsonPropertyDescription("The runtime's log format: text (the default, one line of text an event) or json (one"
      + " JSON object a line with timestamp, level, logger, thread, message, exception and the request's trace_id,"
      + " span_id, microservice, server, namespace and service).")
  @Default("text")
  private LogFormat logFormat = LogFormat.TEXT;

  public TracingSpec getTracing() {
    return tracing;
  }

  public void setTracing(TracingSpec tracing) {
    this.tracing = tracing;
  }

  public LogFormat getLogFormat() {
    return logFormat;
  }

  public void setLogFormat(LogFormat logFormat) {
    this.logFormat = logFormat;
  }

  /** @return logFormat, or text when unset */
  public LogFormat effectiveLogFormat() {
    return logFormat == null ? LogFormat.TEXT : logFormat;
  }
}
