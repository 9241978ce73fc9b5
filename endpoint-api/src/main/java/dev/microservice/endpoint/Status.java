package dev.microservice.endpoint;

/**
 * Outcome classes an endpoint can signal with {@link EndpointException}. The names and meanings
 * follow gRPC status codes, so the gRPC server maps them one to one; the Kafka server uses
 * {@link #isRetryable()} to choose between a retry and the dead-letter topic.
 */
public enum Status {
  /** The caller cancelled the request. */
  CANCELLED(false),
  /** The request is malformed; retrying it cannot help. */
  INVALID_ARGUMENT(false),
  /** The deadline passed before the work was done. */
  DEADLINE_EXCEEDED(true),
  /** Something the request names does not exist. */
  NOT_FOUND(false),
  /** Something the request would create exists already. */
  ALREADY_EXISTS(false),
  /** The caller may not do this. */
  PERMISSION_DENIED(false),
  /** A quota or limit is exhausted; retrying later may help. */
  RESOURCE_EXHAUSTED(true),
  /** The system is not in a state that allows this; retrying as-is cannot help. */
  FAILED_PRECONDITION(false),
  /** A concurrency conflict; retrying may help. */
  ABORTED(true),
  /** The operation is not implemented. */
  UNIMPLEMENTED(false),
  /** An internal error. */
  INTERNAL(true),
  /** A dependency is temporarily unavailable; retrying later should help. */
  UNAVAILABLE(true),
  /** The caller is not authenticated. */
  UNAUTHENTICATED(false);

  private final boolean retryable;

  Status(boolean retryable) {
    this.retryable = retryable;
  }

  /**
   * Whether retrying the same request may succeed.
   *
   * @return false for statuses that say the input itself is at fault
   */
  public boolean isRetryable() {
    return retryable;
  }
}
