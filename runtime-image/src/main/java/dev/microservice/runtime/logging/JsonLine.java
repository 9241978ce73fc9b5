package dev.microservice.runtime.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.event.KeyValuePair;

/**
 * One log event as one line of JSON: timestamp, level, logger, thread, message, exception (the stack trace as a
 * string, when there is one), the MDC's request keys in a fixed order, then the other MDC entries and the event's
 * key-value pairs. An MDC entry or pair named like a fixed field is left out, so the fixed fields stay what they say.
 */
final class JsonLine {
  /** The MDC keys the runtime sets while an endpoint handles a request, written first and in this order. */
  static final List<String> REQUEST_KEYS = List.of("trace_id", "span_id", "microservice", "server", "namespace", "service");
  static final Set<String> FIXED = Set.of("timestamp", "level", "logger", "thread", "message", "exception");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private JsonLine() {}

  static String format(Instant time, String level, String logger, String thread, String message, Throwable t,
      Map<String, String> mdc, List<KeyValuePair> pairs) {
    StringBuilder out = new StringBuilder(256);
    out.append('{');
    field(out, "timestamp", TIMESTAMP.format(time), false);
    field(out, "level", level, true);
    field(out, "logger", logger, true);
    field(out, "thread", thread, true);
    field(out, "message", message, true);
    if (t != null) {
      field(out, "exception", stackTrace(t), true);
    }
    for (String key : REQUEST_KEYS) {
      if (mdc.get(key) != null) {
        field(out, key, mdc.get(key), true);
      }
    }
    new TreeMap<>(mdc).forEach((k, v) -> {
      if (v != null && !REQUEST_KEYS.contains(k) && !FIXED.contains(k)) {
        field(out, k, v, true);
      }
    });
    for (KeyValuePair pair : pairs) {
      if (pair.key != null && !FIXED.contains(pair.key) && !mdc.containsKey(pair.key)) {
        field(out, pair.key, String.valueOf(pair.value), true);
      }
    }
    return out.append('}').toString();
  }

  private static void field(StringBuilder out, String name, String value, boolean comma) {
    if (comma) {
      out.append(',');
    }
    JsonText.quote(out, name);
    out.append(':');
    JsonText.quote(out, value == null ? "null" : value);
  }

  private static String stackTrace(Throwable t) {
    StringWriter s = new StringWriter();
    try (PrintWriter w = new PrintWriter(s)) {
      t.printStackTrace(w);
    }
    return s.toString().stripTrailing();
  }
}
