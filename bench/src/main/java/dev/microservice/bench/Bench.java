package dev.microservice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks (all, or those named) and writes bench/target/results.json. Every number is
 * measured against a baseline in the same run; the ratio is value / baseline.
 */
public final class Bench {
  private static final List<String> ALL = List.of("grpc", "kafka", "operator", "startup", "tracing");

  private Bench() {}

  /**
   * @param args [--quick] [grpc|kafka|operator|startup|tracing ...]
   * @throws Exception when a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "error");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "error");
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    boolean quick = Arrays.asList(args).contains("--quick");
    List<String> names = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    for (String n : names) {
      if (!ALL.contains(n)) {
        System.err.println("unknown benchmark '" + n + "'; choose from " + ALL);
        System.exit(2);
      }
    }
    Path root = Path.of(System.getProperty("project.root", "."));
    Path work = root.resolve("bench/target/work");
    Files.createDirectories(work);
    List<Result> results = new ArrayList<>();
    for (String name : names.isEmpty() ? ALL : names) {
      long start = System.nanoTime();
      System.err.printf("running %s%s...%n", name, quick ? " (quick)" : "");
      results.addAll(switch (name) {
        case "grpc" -> new GrpcBench(quick, work).run();
        case "kafka" -> new KafkaBench(quick, work).run();
        case "operator" -> new OperatorBench(quick, root, work).run();
        case "tracing" -> new TracingBench(quick, work).run();
        default -> new StartupBench(quick, root, work).run();
      });
      System.err.printf("%s took %.0f s%n", name, (System.nanoTime() - start) / 1e9);
    }
    print(results);
    Path out = root.resolve("bench/target/results.json");
    Files.writeString(out, results.stream().map(Result::json).collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n")));
    System.err.println("wrote " + out);
    System.exit(0);
  }

  private static void print(List<Result> results) {
    System.out.printf("%-9s %-10s %12s %12s %7s  %s%n", "benchmark", "metric", "value", "baseline", "ratio", "params");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-9s %-10s %12.2f %12.2f %7.3f  %s%n", r.benchmark(), r.metric(), r.value(), r.baseline(),
          r.ratio(), r.params());
    }
  }
}
