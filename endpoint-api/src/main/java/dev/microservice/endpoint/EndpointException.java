package dev.microservice.endpoint;

import java.util.Objects;

/**
 * A failure with a {@link Status}. Its message is meant for the caller: the gRPC server sends it
 * as the status description, the Kafka server as the {@code error} header of the error reply and
 * the {@code dlq-error} header of the dead letter. Do not put secrets in it.
 */
public class EndpointException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Status status;

  /**
   * Creates a failure with a status and a message for the caller.
   *
   * @param status the outcome class; not null
   * @param message what went wrong, for the caller
   */
  public EndpointException(Status status, String message) {
    super(message);
    this.status = Objects.requireNonNull(status, "status");
  }

  /**
   * Creates a failure with a status, a message for the caller and a cause (logged, not sent).
   *
   * @param status the outcome class; not null
   * @param message what went wrong, for the caller
   * @param cause the underlying failure
   */
  public EndpointException(Status status, String message, Throwable cause) {
    super(message, cause);
    this.status = Objects.requireNonNull(status, "status");
  }

  /**
   * The outcome class.
   *
   * @return the status this failure carries
   */
  public Status status() {
    return status;
  }

  /**
   * Shorthand for {@code new EndpointException(Status.INVALID_ARGUMENT, message)}.
   *
   * @param message what is wrong with the request
   * @return the exception, to throw
   */
  public static EndpointException invalidArgument(String message) {
    return new EndpointException(Status.INVALID_ARGUMENT, message);
  }

  /**
   * Shorthand for {@code new EndpointException(Status.NOT_FOUND, message)}.
   *
   * @param message what was not found
   * @return the exception, to throw
   */
  public static EndpointException notFound(String message) {
    return new EndpointException(Status.NOT_FOUND, message);
  }

  /**
   * Shorthand for {@code new EndpointException(Status.UNAVAILABLE, message)}.
   *
   * @param message what is unavailable
   * @return the exception, to throw
   */
  public static EndpointException unavailable(String message) {
    return new EndpointException(Status.UNAVAILABLE, message);
  }
}
