package dev.microservice.runtime.kafka;

import java.util.UUID;

/**
 * What the Kafka server tells others about an endpoint's unexpected exception: the service, the
 * exception's simple class name and an error id, as the gRPC server does. The exception's message
 * and stack trace may hold secrets or personal data: they go only to the runtime's log, under that
 * error id, never to the {@code error} or {@code dlq-error} header.
 */
final class InternalErrors {
  private InternalErrors() {}

  /** @return a fresh, short id that ties a header to its log line */
  static String newId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** @return the header text for an unexpected exception: no exception message, no stack trace */
  static String describe(String service, Throwable e, String errorId) {
    return "service '" + service + "' failed with " + e.getClass().getSimpleName() + "; see the runtime log, error id "
        + errorId;
  }
}
