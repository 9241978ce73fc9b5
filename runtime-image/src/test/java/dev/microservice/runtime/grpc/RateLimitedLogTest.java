package dev.microservice.runtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
  @Test
  void reportsEachKindOnceThenAtMostOnceAMinute() {
    List<String> lines = new CopyOnWriteArrayList<>();
    RateLimitedLog log = new RateLimitedLog(lines::add);
    IntStream.range(0, 10_000).parallel().forEach(i -> log.note(i % 2 == 0 ? "RESOURCE_EXHAUSTED" : "INVALID_ARGUMENT", "rejected " + (i % 2)));
    assertThat(lines).containsExactlyInAnyOrder(
        "rejected 0 (more of these are reported at most once a minute)",
        "rejected 1 (more of these are reported at most once a minute)");
  }

  @Test
  void manyKindsShareOneReportBeyondTheLimit() {
    List<String> lines = new CopyOnWriteArrayList<>();
    RateLimitedLog log = new RateLimitedLog(lines::add);
    IntStream.range(0, 1000).forEach(i -> log.note("kind" + i, "kind " + i));
    assertThat(lines).hasSize(65);
  }
}
