package dev.microservice.runtime.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attributes that many spans share (a gRPC server's, a Kafka topic's), prepared once and put on
 * each span as it starts, instead of being looked up, keyed and locked in one by one per request.
 */
public final class SpanConstants {
  private final Map<String, String> values;
  /** The SDK's form of the values, made on first use by tracing that records spans. */
  private volatile Object prepared;

  private SpanConstants(Map<String, String> values) {
    this.values = values;
  }

  /**
   * @param keysAndValues attribute name, value, name, value...; a null value is left out
   * @return the constants
   */
  public static SpanConstants of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name, value pairs");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        values.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return new SpanConstants(Map.copyOf(values));
  }

  Map<String, String> values() {
    return values;
  }

  Object prepared() {
    return prepared;
  }

  void prepared(Object prepared) {
    this.prepared = prepared;
  }
}
