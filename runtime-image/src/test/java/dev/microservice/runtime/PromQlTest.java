package dev.microservice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard test's PromQL and exposition readers find what they must, so that its check can fail. */
class PromQlTest {
  @Test
  void selectorsWithTheirFixedEqualitiesAndBareNames() {
    String expr = "sum by (pod, server) (increase(a_total{k8s_namespace=~\"$ns\",outcome=\"retried\",code!=\"OK\"}[$__range]))"
        + " / on (pod) group_left bare_metric * 2e3 + histogram_quantile(0.99, sum by (le) (rate(b_bucket{x=\"$v\"}[5m])))";
    assertThat(PromQl.selectors(expr)).containsExactly(
        new PromQl.Selector("a_total", Map.of("outcome", "retried")),
        new PromQl.Selector("b_bucket", Map.of()),
        new PromQl.Selector("bare_metric", Map.of()));
  }

  @Test
  void theScrapeKnowsNamesAndLabelValues() {
    Scrape s = Scrape.parse("""
        # HELP x_total Things.
        # TYPE x_total counter
        x_total{outcome="dead_lettered",topic="a b"} 1.0
        up 1
        """);
    assertThat(s.names()).containsExactly("up", "x_total");
    assertThat(s.has("x_total", "outcome", "dead_lettered")).isTrue();
    assertThat(s.has("x_total", "outcome", "retried")).isFalse();
    assertThat(s.has("x_total", "topic", "a b")).isTrue();
    assertThat(s.has("y_total")).isFalse();
  }
}
