package dev.microservice.cli;

import dev.microservice.model.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * How validate, render and run report a manifest's problems, on standard error: one line each,
 * {@code <file>:<line>:<column>: <field path>: <message>} in the order of the file, then
 * {@code <N> problems in <file>}.
 */
final class ProblemReport {
  /** The exit code of a command refusing a manifest. */
  static final int INVALID = 1;

  private ProblemReport() {}

  /**
   * @param err where the report goes
   * @param file the manifest
   * @param problems its problems; not empty
   * @return {@link #INVALID}
   */
  static int print(PrintWriter err, Path file, List<Problem> problems) {
    problems.stream().sorted(Comparator.comparingInt(ProblemReport::lineOf).thenComparingInt(Problem::column))
        .forEach(p -> err.println(line(file, p)));
    err.println(problems.size() + (problems.size() == 1 ? " problem in " : " problems in ") + file);
    err.flush();
    return INVALID;
  }

  /** @return one problem as a line; one about the whole document, with no position, is at its start */
  static String line(Path file, Problem p) {
    return file + ":" + lineOf(p) + ":" + Math.max(1, p.column()) + ": " + (p.hasPath() ? p.path() + ": " : "") + p.message();
  }

  private static int lineOf(Problem p) {
    return Math.max(1, p.line());
  }
}
