package dev.microservice.model;

/**
 * One thing wrong with a manifest. Always one line: control characters (which a key written in
 * the manifest may hold) are escaped, and a path is cut after {@value #MAX_PATH} characters.
 *
 * @param path where, e.g. {@code spec.servers[1].namespaces[0].services[0].endpoint}; empty for a
 *     problem known only by its position (a YAML syntax error)
 * @param message why, e.g. {@code no endpoint named 'helo'; available: hello}
 * @param line the line it is on, counted from 1; 0 when not known
 * @param column the column it is on, counted from 1; 0 when not known
 */
public record Problem(String path, String message, int line, int column) {
  /** The longest path shown. */
  public static final int MAX_PATH = 256;

  /** Keeps the problem on one line. */
  public Problem {
    path = oneLine(path);
    if (path.length() > MAX_PATH) {
      path = path.substring(0, MAX_PATH) + "...";
    }
    message = oneLine(message);
    line = Math.max(0, line);
    column = line == 0 ? 0 : Math.max(1, column);
  }

  /**
   * A problem at a path, its position not (yet) known.
   *
   * @param path where
   * @param message why
   */
  public Problem(String path, String message) {
    this(path, message, 0, 0);
  }

  /**
   * @param line counted from 1
   * @param column counted from 1
   * @param message why
   * @return a problem known only by its position, such as a YAML syntax error
   */
  public static Problem at(int line, int column, String message) {
    return new Problem("", message, line, column);
  }

  /**
   * @param atLine counted from 1
   * @param atColumn counted from 1
   * @return this problem at that position, when it has none yet
   */
  public Problem locatedAt(int atLine, int atColumn) {
    return line > 0 ? this : new Problem(path, message, atLine, atColumn);
  }

  /** @return whether the problem names a field (else it is known by its position only) */
  public boolean hasPath() {
    return !path.isEmpty();
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029';
      if (control && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** @return {@code path: message}, or {@code line L, column C: message} for a problem without a path */
  @Override
  public String toString() {
    return (hasPath() || line == 0 ? path : "line " + line + ", column " + column) + ": " + message;
  }
}
