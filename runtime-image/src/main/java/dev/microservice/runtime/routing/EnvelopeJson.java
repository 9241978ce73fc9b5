package dev.microservice.runtime.routing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microservice.endpoint.Status;
import dev.microservice.model.ManifestText;
import java.io.IOException;

/** Reads an envelope's JSON strictly and says what is wrong by position, never by quoting the payload. */
final class EnvelopeJson {
  private EnvelopeJson() {}

  static JsonNode read(ObjectMapper json, byte[] data) throws RoutingException {
    try (JsonParser p = json.createParser(data)) {
      JsonNode root;
      try {
        root = json.readTree(p);
      } catch (JsonProcessingException e) {
        throw translate(e, data);
      }
      long end = Math.max(0, p.currentLocation().getByteOffset());
      for (int i = (int) end; i < data.length; i++) {
        if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n') {
          throw SeedEnvelope.malformed("text follows the JSON object at byte " + i);
        }
      }
      return root;
    } catch (IOException e) {
      throw SeedEnvelope.malformed("the payload cannot be read as JSON");
    }
  }

  private static RoutingException translate(JsonProcessingException e, byte[] data) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return SeedEnvelope.malformed(limit(limit));
      }
    }
    if (e instanceof JsonParseException parse && duplicate(parse)) {
      return duplicateKey(parse);
    }
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int notUtf8 = m.contains("UTF-8") || m.contains("UTF8") ? ManifestText.firstInvalidUtf8(data) : -1;
    return SeedEnvelope.malformed(notUtf8 >= 0 ? "the payload is not valid JSON: it is not UTF-8 at byte " + notUtf8 : why(e));
  }

  private static boolean duplicate(JsonParseException e) {
    return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate");
  }

  private static RoutingException duplicateKey(JsonParseException e) {
    JsonStreamContext ctx = e.getProcessor() == null ? null : e.getProcessor().getParsingContext();
    String key = ctx == null ? null : ctx.getCurrentName();
    boolean top = ctx != null && ctx.getParent() != null && ctx.getParent().inRoot();
    if (top && ("service".equals(key) || "service_message".equals(key))) {
      return new SeedEnvelope.AmbiguousEnvelopeException(
          "malformed envelope: the key '" + key + "' appears more than once; JSON keys must be unique");
    }
    return new RoutingException(Status.INVALID_ARGUMENT, "malformed envelope: a key appears more than once in the same object, at "
        + where(e.getLocation()) + "; JSON keys must be unique"); // not named: it is the client's data
  }

  private static String why(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (m.contains("end-of-input")) {
      return "the payload is not valid JSON: it ends at " + where(e.getLocation()) + " before the object is closed";
    }
    return "the payload is not valid JSON at " + where(e.getLocation());
  }

  private static String limit(StreamConstraintsException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.contains("nesting depth")) {
      return "the JSON is nested more than " + SeedEnvelope.MAX_DEPTH + " levels deep";
    }
    return m.contains("Number") ? "the JSON has a number longer than 1000 digits" : "the JSON exceeds a size limit";
  }

  private static String where(JsonLocation location) {
    if (location == null) {
      return "an unknown position";
    }
    long offset = location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    return "byte " + Math.max(0, offset) + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
