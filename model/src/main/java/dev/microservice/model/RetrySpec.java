package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Exponential backoff for records whose endpoint fails with a retryable status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySpec {
  @JsonPropertyDescription(
      "Attempts per record, the first included; then it is dead-lettered. Failures whose status"
          + " says the input is bad (INVALID_ARGUMENT, NOT_FOUND, ...) are not retried. Defaults to 3.")
  @Min(1)
  @Max(100)
  @Default("3")
  private Integer maxAttempts = 3;

  @JsonPropertyDescription("Delay before the second attempt, in milliseconds. Defaults to 200.")
  @Min(0)
  @Default("200")
  private Integer initialBackoffMillis = 200;

  @JsonPropertyDescription("Longest delay between attempts, in milliseconds. Defaults to 10000.")
  @Min(0)
  @Default("10000")
  private Integer maxBackoffMillis = 10_000;

  @JsonPropertyDescription("Factor by which the delay grows after each attempt. Defaults to 2.")
  @Min(1)
  @Default("2")
  private Double multiplier = 2.0;

  public Integer getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(Integer maxAttempts) {
    this.maxAttempts = maxAttempts;
  }

  public Integer getInitialBackoffMillis() {
    return initialBackoffMillis;
  }

  public void setInitialBackoffMillis(Integer initialBackoffMillis) {
    this.initialBackoffMillis = initialBackoffMillis;
  }

  public Integer getMaxBackoffMillis() {
    return maxBackoffMillis;
  }

  public void setMaxBackoffMillis(Integer maxBackoffMillis) {
    this.maxBackoffMillis = maxBackoffMillis;
  }

  public Double getMultiplier() {
    return multiplier;
  }

  public void setMultiplier(Double multiplier) {
    this.multiplier = multiplier;
  }
}
