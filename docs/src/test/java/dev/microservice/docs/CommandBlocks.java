package dev.microservice.docs;

import dev.microservice.docs.CommandBlock.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the command blocks of a Markdown text and reads their markers.
 *
 * <p>A command block is a fenced block whose info string starts with {@code sh}, {@code bash} or {@code shell}.
 * Markers are HTML comments on the lines just before its opening fence (blank lines allowed in between):
 * {@code <!-- not run: REASON -->}, {@code <!-- run by: TestClass -->}, {@code <!-- background: TEXT -->} (at most
 * one of these) and {@code <!-- expect: TEXT -->} (only on a block that is run in the foreground).
 */
public final class CommandBlocks {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "shell");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*)?.*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*([a-zA-Z][a-zA-Z ]*?)\\s*:(.*?)-->\\s*$");

  private CommandBlocks() {}

  /**
   * @param file the file's path relative to the repository root, for messages
   * @param markdown the file's text
   * @return its command blocks, in order
   * @throws IllegalArgumentException naming file and line when a marker is malformed
   */
  public static List<CommandBlock> parse(String file, String markdown) {
    List<String> lines = markdown.lines().toList();
    List<CommandBlock> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      String fence = open.group(2);
      String info = open.group(3) == null ? "" : open.group(3);
      int close = closingFence(lines, i + 1, fence);
      if (SHELLS.contains(info)) {
        String script = body(lines.subList(i + 1, close), indent.length());
        blocks.add(block(file, lines, i, script));
      }
      i = close;
    }
    return blocks;
  }

  /**
   * @param root the repository root
   * @param file a Markdown file relative to it
   * @param testClass the simple name of a test class
   * @return the file's blocks marked {@code <!-- run by: testClass -->}, in order
   */
  public static List<CommandBlock> runBy(java.nio.file.Path root, String file, String testClass) throws java.io.IOException {
    return parse(file, java.nio.file.Files.readString(root.resolve(file))).stream()
        .filter(b -> b.mode() == Mode.RUN_BY && b.argument().equals(testClass)).toList();
  }

  private static int closingFence(List<String> lines, int from, String fence) {
    for (int j = from; j < lines.size(); j++) {
      String t = lines.get(j).strip();
      if (t.startsWith(fence) && t.chars().allMatch(c -> c == fence.charAt(0))) {
        return j;
      }
    }
    return lines.size();
  }

  private static String body(List<String> lines, int indent) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      int cut = 0;
      while (cut < indent && cut < l.length() && l.charAt(cut) == ' ') {
        cut++;
      }
      b.append(l.substring(cut)).append('\n');
    }
    return b.toString();
  }

  private static CommandBlock block(String file, List<String> lines, int fenceIndex, String script) {
    Mode mode = Mode.RUN;
    String argument = "";
    String expect = "";
    for (int j = fenceIndex - 1; j >= 0; j--) {
      String l = lines.get(j);
      if (l.isBlank()) {
        continue;
      }
      Matcher m = MARKER.matcher(l);
      if (!m.matches()) {
        break;
      }
      String where = file + ":" + (j + 1);
      String key = m.group(1).strip().toLowerCase();
      String value = m.group(2).strip();
      if (key.equals("expect")) {
        require(expect.isEmpty(), where, "a second <!-- expect: --> for one block");
        require(!value.isEmpty(), where, "<!-- expect: --> needs the text to expect");
        expect = value;
        continue;
      }
      Mode marked = switch (key) {
        case "not run" -> Mode.NOT_RUN;
        case "run by" -> Mode.RUN_BY;
        case "background" -> Mode.BACKGROUND;
        default -> throw new IllegalArgumentException(where + ": unknown marker <!-- " + m.group(1).strip()
            + ": -->; known: not run, run by, background, expect");
      };
      require(mode == Mode.RUN, where, "a block takes at most one of not run, run by and background");
      require(!value.isEmpty(), where, "<!-- " + key + ": --> needs " + switch (marked) {
        case NOT_RUN -> "a reason";
        case RUN_BY -> "the name of the test class that runs the block";
        default -> "the text to wait for";
      });
      mode = marked;
      argument = value;
    }
    String where = file + ":" + (fenceIndex + 1);
    require(expect.isEmpty() || mode == Mode.RUN || mode == Mode.RUN_BY, where,
        "<!-- expect: --> is only for blocks that are run in the foreground, not for " + mode);
    if (mode == Mode.RUN_BY) {
      require(argument.matches("[A-Za-z_$][A-Za-z0-9_$]*"), where, "<!-- run by: --> takes a simple class name, got '"
          + argument + "'");
    }
    return new CommandBlock(file, fenceIndex + 1, script, mode, argument, expect);
  }

  private static void require(boolean ok, String where, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(where + ": " + problem);
    }
  }
}
