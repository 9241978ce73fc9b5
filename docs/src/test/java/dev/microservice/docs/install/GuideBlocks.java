package dev.microservice.docs.install;

import dev.microservice.docs.CommandBlock;
import dev.microservice.docs.CommandBlocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The command blocks of a guide that a given test runs, each with the section heading it is under. */
final class GuideBlocks {
  /** A block and its section. */
  record Block(String section, CommandBlock block) {
    String script() {
      return block.script();
    }
  }

  private GuideBlocks() {}

  /**
   * @param root the repository root
   * @param guide the guide, relative to the root
   * @param test the simple name of the test class that runs the blocks
   * @return the blocks marked {@code <!-- run by: test -->}, in order
   */
  static List<Block> runBy(Path root, String guide, String test) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve(guide), StandardCharsets.UTF_8);
    return CommandBlocks.runBy(root, guide, test).stream().map(b -> new Block(section(lines, b.line()), b)).toList();
  }

  /** @return the nearest Markdown heading above the 1-based line, without its hashes */
  private static String section(List<String> lines, int line) {
    for (int i = line - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("#")) {
        return lines.get(i).replaceFirst("^#+\\s*", "");
      }
    }
    return "(top)";
  }
}
