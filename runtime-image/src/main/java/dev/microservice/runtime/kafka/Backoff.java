package dev.microservice.runtime.kafka;

import dev.microservice.model.RetrySpec;
import java.time.Duration;

/**
 * When to retry a failed record: exponential backoff from the manifest's retry settings.
 *
 * @param maxAttempts attempts per record, the first included
 * @param initial delay before the second attempt
 * @param max longest delay
 * @param multiplier growth per attempt
 */
record Backoff(int maxAttempts, Duration initial, Duration max, double multiplier) {

  static Backoff of(RetrySpec retry) {
    RetrySpec r = retry != null ? retry : new RetrySpec();
    return new Backoff(r.getMaxAttempts(), Duration.ofMillis(r.getInitialBackoffMillis()),
        Duration.ofMillis(r.getMaxBackoffMillis()), r.getMultiplier());
  }

  /** @return whether a record that failed its {@code attempt}-th attempt gets another */
  boolean retries(int attempt) {
    return attempt < maxAttempts;
  }

  /** @return the delay after the {@code attempt}-th failed attempt (1-based) */
  Duration delayAfter(int attempt) {
    double millis = initial.toMillis() * Math.pow(multiplier, attempt - 1);
    return Duration.ofMillis((long) Math.min(millis, max.toMillis()));
  }
}
