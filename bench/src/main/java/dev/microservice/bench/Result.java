package dev.microservice.bench;

/**
 * One measured number and its baseline from the same run.
 *
 * @param benchmark grpc, kafka, operator or startup
 * @param metric throughput, p50, p99, time, rss or heap_mib
 * @param value ours
 * @param baseline the hand-written baseline's
 * @param params the parameter set, e.g. "concurrency=8 payload=100B"
 */
record Result(String benchmark, String metric, double value, double baseline, String params) {
  double ratio() {
    return baseline == 0 ? Double.NaN : value / baseline;
  }

  String json() {
    return String.format(java.util.Locale.ROOT,
        "{\"benchmark\": \"%s\", \"metric\": \"%s\", \"value\": %s, \"baseline\": %s, \"ratio\": %s, \"params\": \"%s\"}",
        benchmark, metric, number(value, 3), number(baseline, 3), number(ratio(), 4), params.replace("\"", "'"));
  }

  /** A JSON number, or null where there is none (NaN). */
  private static String number(double v, int decimals) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
  }
}
