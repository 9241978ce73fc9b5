package dev.microservice.docs.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command blocks of a guide that a given test runs: the fenced sh/bash/shell blocks marked
 * {@code <!-- run by: <test> -->}, in order, each with its section and its {@code <!-- expect: ... -->} texts.
 */
final class GuideBlocks {
  private static final Pattern MARKER = Pattern.compile("<!--\\s*(run by|expect|not run|background):\\s*(.*?)\\s*-->");
  private static final Pattern FENCE = Pattern.compile("```(sh|bash|shell)\\s*");

  /** A command block: its section heading, its script, and the texts its output must contain. */
  record Block(String section, String script, List<String> expected) {}

  private GuideBlocks() {}

  /**
   * @param guide a markdown file
   * @param test the simple name of the test class that runs the blocks
   * @return its blocks marked as run by that test
   */
  static List<Block> runBy(Path guide, String test) throws IOException {
    List<String> lines = Files.readAllLines(guide, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    List<String[]> markers = new ArrayList<>();
    String section = "(top)";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher marker = MARKER.matcher(line.strip());
      if (line.startsWith("#")) {
        section = line.replaceFirst("^#+\\s*", "");
        markers.clear();
      } else if (marker.matches()) {
        markers.add(new String[] {marker.group(1), marker.group(2)});
      } else if (FENCE.matcher(line).matches()) {
        StringBuilder script = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          script.append(lines.get(i)).append('\n');
        }
        if (markers.stream().anyMatch(m -> m[0].equals("run by") && m[1].equals(test))) {
          blocks.add(new Block(section, script.toString(),
              markers.stream().filter(m -> m[0].equals("expect")).map(m -> m[1]).toList()));
        }
        markers.clear();
      } else if (!line.isBlank()) {
        markers.clear();
      }
    }
    return blocks;
  }
}
