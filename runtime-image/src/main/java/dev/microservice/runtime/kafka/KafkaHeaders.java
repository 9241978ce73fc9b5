package dev.microservice.runtime.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * UTF-8 helpers for record headers; the names are {@link dev.microservice.model.contract.KafkaHeaderNames}.
 * An {@code error} or {@code dlq-error} header carries an endpoint's {@code EndpointException} message,
 * or the runtime's own reason; for any other exception only its class and an error id (see {@link InternalErrors}).
 */
final class KafkaHeaders {
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
