package dev.microservice.model;

/**
 * One thing wrong with a manifest. Always one line: control characters (which a key written in
 * the manifest may hold) are escaped, and a path is cut after {@value #MAX_PATH} characters.
 *
 * @param path where, e.g. {@code spec.servers[1].namespaces[0].services[0].endpoint}
 * @param message why, e.g. {@code no endpoint named 'helo'; available: hello}
 */
public record Problem(String path, String message) {
  /** The longest path shown. */
  public static final int MAX_PATH = 256;

  /** Keeps the problem on one line. */
  public Problem {
    path = oneLine(path);
    if (path.length() > MAX_PATH) {
      path = path.substring(0, MAX_PATH) + "...";
    }
    message = oneLine(message);
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

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
