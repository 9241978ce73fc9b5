package dev.microservice.runtime.kafka;

import dev.microservice.runtime.MicroserviceRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads values from a runtime's Prometheus output. */
final class KafkaMetricsReader {
  private KafkaMetricsReader() {}

  static String scrape(MicroserviceRuntime rt) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      rt.metrics().scrape(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sum of the samples of a metric whose labels contain all the given fragments. */
  static double value(MicroserviceRuntime rt, String metric, String... labelFragments) {
    return sum(scrape(rt), metric, labelFragments);
  }

  static double sum(String text, String metric, String... labelFragments) {
    return text.lines()
        .filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
        .filter(l -> java.util.Arrays.stream(labelFragments).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  static double count(MicroserviceRuntime rt, String topic, String service, String outcome) {
    return value(rt, "microservice_kafka_records_total", "topic=\"" + topic + "\"", "service=\"" + service + "\"",
        "outcome=\"" + outcome + "\"");
  }
}
