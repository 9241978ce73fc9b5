package dev.microservice.model;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot be used, with every problem found in it. */
public class ManifestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param source where the manifest came from (a file name), for the message
   * @param problems what is wrong; not empty
   */
  public ManifestException(String source, List<Problem> problems) {
    super(format(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** @return every problem, in document order */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(String source, List<Problem> problems) {
    String header =
        "invalid MicroService manifest " + source + " (" + problems.size()
            + (problems.size() == 1 ? " problem" : " problems") + "):";
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", header + "\n", ""));
  }
}
