package dev.microservice.runtime.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Record header names the Kafka server reads and writes, and UTF-8 helpers. */
final class KafkaHeaders {
  /** Names the service a record is for. */
  static final String SERVICE = "service";
  /** Topic to send the endpoint's reply to. */
  static final String REPLY_TO = "reply-to";
  /** Copied from the request to its reply. */
  static final String CORRELATION_ID = "correlation-id";
  /**
   * On an error reply: why the request failed. An endpoint's {@code EndpointException} message, or
   * the runtime's own reason; for any other exception only its class and an error id (see {@link InternalErrors}).
   */
  static final String ERROR = "error";
  /** On a dead letter: the same text as {@link #ERROR}. */
  static final String DLQ_ERROR = "dlq-error";
  /** On a dead letter: the failure's fully qualified class name. */
  static final String DLQ_ERROR_CLASS = "dlq-error-class";
  static final String DLQ_ORIGINAL_TOPIC = "dlq-original-topic";
  static final String DLQ_ORIGINAL_PARTITION = "dlq-original-partition";
  static final String DLQ_ORIGINAL_OFFSET = "dlq-original-offset";
  static final String DLQ_ATTEMPTS = "dlq-attempts";
  /** Set when the original value was too large to dead-letter: its size in bytes. */
  static final String DLQ_VALUE_OMITTED = "dlq-value-omitted-bytes";

  private KafkaHeaders() {}

  /** @return the last value of a header as UTF-8, or null */
  static String last(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static byte[] utf8(Object value) {
    return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
  }
}
