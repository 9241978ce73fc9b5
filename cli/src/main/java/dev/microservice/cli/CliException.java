package dev.microservice.cli;

/** A failure to report to the user as one line, without a stack trace. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }

  /** @return the message of a failure as one line (the first line; multi-line problem lists are kept whole) */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof CliException || message.contains("\n  ") ? message : message.lines().findFirst().orElse(message);
  }
}
