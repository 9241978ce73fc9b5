package dev.microservice.runtime.kafka;

import dev.microservice.endpoint.Status;

/** A record the Kafka server refuses before any endpoint sees it (no value, too large). */
final class RecordRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Status status;

  RecordRejectedException(Status status, String message) {
    super(message);
    this.status = status;
  }

  Status status() {
    return status;
  }
}
