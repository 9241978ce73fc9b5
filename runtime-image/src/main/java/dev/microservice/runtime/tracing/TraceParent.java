package dev.microservice.runtime.tracing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C {@code traceparent} value (version 00): trace id, parent span id and trace flags, as
 * lower-case hex. Parsing follows the Trace Context spec: an invalid value is ignored (null), a
 * higher version is read for its version-00 fields.
 *
 * @param traceId 32 hex digits, not all zero
 * @param spanId 16 hex digits, not all zero
 * @param flags 2 hex digits; {@code 01} = sampled
 */
public record TraceParent(String traceId, String spanId, String flags) {
  private static final int LENGTH = 55;

  /** @return the parsed value, or null when absent or invalid */
  public static TraceParent parse(String value) {
    if (value == null || value.length() < LENGTH) {
      return null;
    }
    String version = value.substring(0, 2);
    if (!isHex(version, 0, 2) || "ff".equals(version) || ("00".equals(version) && value.length() != LENGTH)
        || (value.length() > LENGTH && value.charAt(LENGTH) != '-')) {
      return null;
    }
    if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
      return null;
    }
    if (!isHex(value, 3, 35) || !isHex(value, 36, 52) || !isHex(value, 53, 55)) {
      return null;
    }
    String traceId = value.substring(3, 35);
    String spanId = value.substring(36, 52);
    if (isZero(traceId) || isZero(spanId)) {
      return null;
    }
    return new TraceParent(traceId, spanId, value.substring(53, 55));
  }

  /** @return the same trace and flags with a fresh random span id: a child of this one */
  public TraceParent child() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return new TraceParent(traceId, hex16(id), flags);
  }

  /** @return the header value */
  public String format() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  private static String hex16(long id) {
    String hex = Long.toHexString(id);
    return "0".repeat(16 - hex.length()) + hex;
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
