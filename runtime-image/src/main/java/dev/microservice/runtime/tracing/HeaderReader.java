package dev.microservice.runtime.tracing;

/** Reads one incoming header (gRPC metadata or a Kafka record header) by name; null when absent. */
@FunctionalInterface
public interface HeaderReader {
  /**
   * @param name the header name, lower case
   * @return its value (the last one, for Kafka), or null
   */
  String get(String name);
}
