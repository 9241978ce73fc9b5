package dev.microservice.bench;

import java.util.Arrays;

/** Latency samples (nanoseconds) of one thread; merged and sorted for percentiles. */
final class Latencies {
  private long[] samples = new long[1 << 16];
  private int size;

  void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  int size() {
    return size;
  }

  static long[] merged(Iterable<Latencies> all) {
    int total = 0;
    for (Latencies l : all) {
      total += l.size;
    }
    long[] merged = new long[total];
    int at = 0;
    for (Latencies l : all) {
      System.arraycopy(l.samples, 0, merged, at, l.size);
      at += l.size;
    }
    Arrays.sort(merged);
    return merged;
  }

  /** @return the percentile in milliseconds */
  static double percentileMillis(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
