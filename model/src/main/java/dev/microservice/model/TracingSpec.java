package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the runtime exports its spans (an OTLP receiver) and which share of the traces it samples. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"endpoint", "samplingRatio"})
public class TracingSpec {
  /** The share of new traces sampled when samplingRatio is not set: all of them. */
  public static final double DEFAULT_SAMPLING_RATIO = 1.0;
  /** The longest endpoint accepted (it bounds the CEL rule's cost on the API server). */
  public static final int MAX_ENDPOINT_LENGTH = 2048;
  /** An absolute http or https URL with a host: the rule of the CEL rule and of the offline validator. */
  static final String URL_PATTERN = "^https?://[^/?# ]+([/?#][^ ]*)?$";
  private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile(URL_PATTERN);
  /** Why an endpoint is refused. */
  public static final String BAD_ENDPOINT = "must be an absolute http:// or https:// URL of an OTLP receiver, such as"
      + " http://otel-collector.monitoring:4318";

  @JsonPropertyDescription("The OTLP receiver, an absolute http:// or https:// URL such as"
      + " http://otel-collector.monitoring:4318 (an OpenTelemetry Collector, Jaeger, Tempo). Becomes"
      + " OTEL_EXPORTER_OTLP_ENDPOINT of the runtime; set OTEL_EXPORTER_OTLP_PROTOCOL in spec.env to choose grpc or"
      + " http/protobuf. Required.")
  @Required
  @Size(max = MAX_ENDPOINT_LENGTH)
  @ValidationRule(value = "self.matches('" + URL_PATTERN + "')", message = BAD_ENDPOINT)
  private String endpoint;

  @JsonPropertyDescription("The share of new traces the runtime samples, 0 to 1 (0.1 keeps one in ten). A request"
      + " that arrives with a trace context follows its caller's decision. Defaults to 1 (every trace).")
  @Min(0)
  @Max(1)
  @Default("1.0")
  private Double samplingRatio = DEFAULT_SAMPLING_RATIO;

  /**
   * @param endpoint a candidate endpoint
   * @return whether it is an absolute http or https URL with a host, of at most {@link #MAX_ENDPOINT_LENGTH} characters
   */
  public static boolean isEndpoint(String endpoint) {
    return endpoint != null && endpoint.length() <= MAX_ENDPOINT_LENGTH && URL.matcher(endpoint).matches();
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public Double getSamplingRatio() {
    return samplingRatio;
  }

  public void setSamplingRatio(Double samplingRatio) {
    this.samplingRatio = samplingRatio;
  }

  /** @return samplingRatio, or 1 when unset */
  public double effectiveSamplingRatio() {
    return samplingRatio == null ? DEFAULT_SAMPLING_RATIO : samplingRatio;
  }
}
