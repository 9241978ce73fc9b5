package dev.microservice.runtime.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microservice.endpoint.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The seed framework's JSON envelope, {@code {"service": "hello", "service_message": ...}}. A
 * string {@code service_message} reaches the endpoint as its UTF-8 bytes; any other JSON value as
 * its JSON text.
 *
 * @param service the service named by the envelope
 * @param message the bytes the endpoint receives
 */
public record SeedEnvelope(String service, byte[] message) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads an envelope.
   *
   * @param data the message payload
   * @return the envelope, or null when the payload is not a JSON object (so not an envelope)
   * @throws RoutingException INVALID_ARGUMENT when it is a JSON object but not a valid envelope
   */
  public static SeedEnvelope parse(byte[] data) throws RoutingException {
    if (!looksLikeObject(data)) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(data);
    } catch (JsonProcessingException e) {
      throw malformed("the payload is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw malformed("the payload cannot be read: " + e.getMessage());
    }
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

  private static RoutingException malformed(String why) {
    return new RoutingException(Status.INVALID_ARGUMENT, "malformed envelope: " + why);
  }
}
