package dev.microservice.docs.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shell block of a Markdown doc that follows a {@code <!-- run by: TestClass -->} marker. */
final class MarkedBlock {
  private static final Pattern BLOCK =
      Pattern.compile("<!--\\s*run by:\\s*(\\w+)\\s*-->\\s*\\n```(?:sh|bash|shell)[ \\t]*\\n(.*?)\\n```", Pattern.DOTALL);

  private MarkedBlock() {}

  /**
   * The body of the one shell block marked as run by {@code testClass}.
   *
   * @throws AssertionError when the doc has no such block, or more than one
   */
  static String runBy(Path doc, String testClass) throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(doc));
    List<String> bodies = m.results().filter(r -> r.group(1).equals(testClass)).map(r -> r.group(2)).toList();
    if (bodies.size() != 1) {
      throw new AssertionError(doc + ": expected one shell block marked <!-- run by: " + testClass + " -->, found "
          + bodies.size());
    }
    return bodies.get(0);
  }
}
