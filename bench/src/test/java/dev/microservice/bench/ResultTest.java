package dev.microservice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTest {
  @Test
  void ratioIsValueOverBaselineAndMissingNumbersAreNull() {
    Result r = new Result("kafka", "throughput", 90, 100, "records=10");
    assertThat(r.ratio()).isEqualTo(0.9);
    assertThat(r.json()).isEqualTo("{\"benchmark\": \"kafka\", \"metric\": \"throughput\", \"value\": 90.000, "
        + "\"baseline\": 100.000, \"ratio\": 0.9000, \"params\": \"records=10\"}");
    assertThat(new Result("operator", "rss", 300, Double.NaN, "x").json()).contains("\"baseline\": null, \"ratio\": null");
  }

  @Test
  void percentilesOfMergedSamples() {
    Latencies a = new Latencies();
    Latencies b = new Latencies();
    for (int i = 1; i <= 50; i++) {
      a.add(i * 1_000_000L);
      b.add((50 + i) * 1_000_000L);
    }
    long[] all = Latencies.merged(List.of(a, b));
    assertThat(all).hasSize(100).isSorted();
    assertThat(Latencies.percentileMillis(all, 50)).isEqualTo(50.0);
    assertThat(Latencies.percentileMillis(all, 99)).isEqualTo(99.0);
    assertThat(Latencies.percentileMillis(new long[0], 50)).isNaN();
  }
}
