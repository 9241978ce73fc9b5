package dev.microservice.runtime.grpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs requests a gRPC server rejects (too large, corrupt), rate-limited per cause and without a
 * stack trace. Every rejection is also counted in {@code microservice_requests_total}.
 */
final class RejectionLog {
  private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
  private static final int MAX_EXAMPLE = 200;

  private final String server;
  private final RateLimitedLog log = new RateLimitedLog(LOG::warn);

  RejectionLog(String server) {
    this.server = server;
  }

  /**
   * @param cause what kind of rejection, e.g. RESOURCE_EXHAUSTED
   * @param example the status description of this one (gRPC's or the runtime's words, not the client's)
   */
  void note(String cause, String example) {
    String e = example == null ? "no description" : example.length() > MAX_EXAMPLE ? example.substring(0, MAX_EXAMPLE) + "..." : example;
    log.note(cause, "gRPC server '" + server + "' rejected a request with " + cause + ": " + e
        + "; all are counted in microservice_requests_total");
  }
}
