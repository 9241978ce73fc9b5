package dev.microservice.runtime.routing;

import dev.microservice.endpoint.Status;

/** A message that cannot be routed to a service; the message says why, for the sender. */
public class RoutingException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Status status;

  /**
   * Creates the exception.
   *
   * @param status NOT_FOUND for an unknown namespace or service, INVALID_ARGUMENT otherwise
   * @param message why, naming the namespace or service
   */
  public RoutingException(Status status, String message) {
    super(message);
    this.status = status;
  }

  /** @return the status to report */
  public Status status() {
    return status;
  }
}
