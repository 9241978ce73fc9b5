package dev.microservice.docs;

/**
 * A fenced {@code sh}, {@code bash} or {@code shell} block of a Markdown file, with what its markers say about it.
 *
 * @param file the file, relative to the repository root (for messages)
 * @param line the 1-based line of the opening fence
 * @param script the block's text, without the fences and without the indentation of the fence
 * @param mode how the block is treated
 * @param argument the marker's text: the reason (not run), the test class (run by), the text awaited
 *     (background); empty for a plain run
 * @param expect text the output must contain (plain runs only), or empty
 */
public record CommandBlock(String file, int line, String script, Mode mode, String argument, String expect) {
  /** What happens to a command block. */
  public enum Mode {
    /** Unmarked: run, must exit 0. */
    RUN,
    /** {@code <!-- background: TEXT -->}: started, awaited until its output contains TEXT, killed at the end of the file. */
    BACKGROUND,
    /** {@code <!-- run by: TestClass -->}: another test runs it. */
    RUN_BY,
    /** {@code <!-- not run: REASON -->}: skipped, for the reason given. */
    NOT_RUN
  }

  /** @return where the block is, as {@code file:line} */
  public String where() {
    return file + ":" + line;
  }
}
