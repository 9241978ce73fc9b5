package dev.microservice.runtime.kafka;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KIP-848: a static member that crashed keeps its instance id until its session times out, and a new consumer with
 * that id is refused ({@code UnreleasedInstanceIdException}). Both consumer loops then drop their consumer and wait
 * here a little before they join again.
 */
final class InstanceIdRejoin {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceIdRejoin.class);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private InstanceIdRejoin() {}

  /** Logs why, then waits one backoff, or less when the loop is stopping. */
  static void await(String server, BooleanSupplier stopping) throws InterruptedException {
    LOG.warn("Kafka server '{}': the group still holds this pod's instance id from a previous run; joining again"
        + " once the broker releases it (session timeout)", server);
    long until = System.nanoTime() + BACKOFF.toNanos();
    while (!stopping.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(50);
    }
  }
}
