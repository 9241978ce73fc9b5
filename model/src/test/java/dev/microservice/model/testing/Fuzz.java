package dev.microservice.model.testing;

import java.time.Duration;
import java.util.Random;

/**
 * Seeded random testing kept in the build: a fixed seed and a small count in {@code verify};
 * {@code -Dfuzz.seed=N -Dfuzz.count=N} for longer runs, {@code -Dfuzz.case=SEED} to replay one
 * failing case. Each case gets its own seed, printed when it fails.
 */
public final class Fuzz {
  /** One generated case. */
  public interface Case {
    void run(Random random) throws Exception;
  }

  private Fuzz() {}

  /**
   * @param name for the summary line
   * @param defaultCount cases in a normal build
   * @param bound the longest a case may take
   * @param body generates and checks one case
   */
  public static void run(String name, int defaultCount, Duration bound, Case body) {
    Long only = Long.getLong("fuzz.case");
    long seed = Long.getLong("fuzz.seed", 20261125L);
    int count = only != null ? 1 : Integer.getInteger("fuzz.count", defaultCount);
    Random seeds = new Random(seed);
    long start = System.nanoTime();
    long slowest = 0;
    long slowestSeed = 0;
    for (int i = 0; i < count; i++) {
      long caseSeed = only != null ? only : seeds.nextLong();
      long caseStart = System.nanoTime();
      try {
        body.run(new Random(caseSeed));
      } catch (Exception | AssertionError e) {
        throw new AssertionError(name + " case " + i + " failed; replay it with -Dfuzz.case=" + caseSeed + ": " + e.getMessage(), e);
      }
      long took = System.nanoTime() - caseStart;
      if (took > slowest) {
        slowest = took;
        slowestSeed = caseSeed;
      }
      if (took > bound.toNanos()) {
        throw new AssertionError(name + " case " + i + " took " + Duration.ofNanos(took).toMillis() + " ms, more than "
            + bound.toMillis() + " ms; replay it with -Dfuzz.case=" + caseSeed);
      }
    }
    System.out.printf("fuzz %s: %d cases, seed %d, %.1f s, slowest case %d ms (-Dfuzz.case=%d)%n", name, count, seed,
        (System.nanoTime() - start) / 1e9, slowest / 1_000_000, slowestSeed);
  }
}
