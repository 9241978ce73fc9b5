package dev.microservice.operator.status;

/**
 * A condition message the API server accepts: never empty (the reason's meaning stands in) and at most
 * {@value #MAX_LENGTH} characters, metav1.Condition's limit in the CRD.
 */
final class ConditionMessage {
  /** The CRD's maxLength of a condition message. */
  static final int MAX_LENGTH = 32768;
  private static final String ELLIPSIS = "...";

  private ConditionMessage() {}

  /**
   * @param reason the condition's reason
   * @param message the message wanted, possibly null or blank
   * @return the message, or a text for the reason when blank, cut to {@value #MAX_LENGTH} characters
   */
  static String of(Reason reason, String message) {
    String text = message == null || message.isBlank() ? fallback(reason) : message.strip();
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - ELLIPSIS.length()) + ELLIPSIS;
  }

  private static String fallback(Reason reason) {
    return switch (reason) {
      case InvalidSpec -> "the spec is invalid";
      case SecretNotFound -> "a referenced Secret or key does not exist";
      case RuntimeFailing -> "a runtime container keeps failing";
      default -> "reason: " + reason.name();
    };
  }
}
