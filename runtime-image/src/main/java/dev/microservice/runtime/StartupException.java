package dev.microservice.runtime;

/** The runtime cannot start; the message says why, in terms of the manifest or the command line. */
public class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, for the operator of the runtime
   */
  public StartupException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause (logged, not shown to users by default).
   *
   * @param message what is wrong
   * @param cause the underlying failure
   */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
