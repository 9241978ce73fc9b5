package dev.microservice.runtime.routing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microservice.endpoint.Status;
import java.nio.charset.StandardCharsets;

/**
 * The seed framework's JSON envelope, {@code {"service": "hello", "service_message": ...}}. A
 * string {@code service_message} reaches the endpoint as its UTF-8 bytes; any other JSON value as
 * its JSON text. One JSON object, keys unique, nothing after it; errors never repeat the payload.
 *
 * @param service the service named by the envelope
 * @param message the bytes the endpoint receives
 */
public record SeedEnvelope(String service, byte[] message) {
  /** The deepest nesting of a service_message. */
  public static final int MAX_DEPTH = 1000;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH).maxStringLength(Integer.MAX_VALUE).build())
      .build());

  /**
   * Reads an envelope.
   *
   * @param data the message payload
   * @return the envelope, or null when the payload is not a JSON object (so not an envelope)
   * @throws RoutingException INVALID_ARGUMENT when it is a JSON object but not a valid envelope;
   *     {@link AmbiguousEnvelopeException} when it names its service twice
   */
  public static SeedEnvelope parse(byte[] data) throws RoutingException {
    if (!looksLikeObject(data)) {
      return null;
    }
    JsonNode root = EnvelopeJson.read(JSON, data);
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode service = root.get("service");
    if (service == null || !service.isTextual() || service.asText().isEmpty()) {
      throw malformed("the envelope's \"service\" must be a non-empty string");
    }
    JsonNode message = root.get("service_message");
    byte[] bytes;
    if (message == null || message.isNull()) {
      bytes = new byte[0];
    } else if (message.isTextual()) {
      bytes = message.asText().getBytes(StandardCharsets.UTF_8);
    } else {
      bytes = message.toString().getBytes(StandardCharsets.UTF_8);
    }
    return new SeedEnvelope(service.asText(), bytes);
  }

  private static boolean looksLikeObject(byte[] data) {
    for (byte b : data) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '{';
    }
    return false;
  }

  static RoutingException malformed(String why) {
    return new RoutingException(Status.INVALID_ARGUMENT, "malformed envelope: " + why);
  }

  /** An envelope whose {@code service} (or {@code service_message}) is given twice: never delivered as is. */
  public static final class AmbiguousEnvelopeException extends RoutingException {
    private static final long serialVersionUID = 1L;

    AmbiguousEnvelopeException(String message) {
      super(Status.INVALID_ARGUMENT, message);
    }
  }
}
