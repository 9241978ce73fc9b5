package dev.microservice.model;

/**
 * Text from outside (a manifest value, a client's name) as error messages may repeat it: quoted,
 * cut to a short prefix, with control characters escaped, so an error stays one short line.
 */
public final class Echo {
  /** The most characters of an input an error message repeats. */
  public static final int MAX_CHARS = 64;

  private Echo() {}

  /**
   * @param text the input; null becomes {@code nothing}
   * @return {@code 'text'}, or {@code 'prefix'... (N characters)} when longer than {@link #MAX_CHARS}
   */
  public static String quoted(String text) {
    if (text == null) {
      return "nothing";
    }
    int cut = text.length() <= MAX_CHARS ? text.length() : cutPoint(text);
    StringBuilder sb = new StringBuilder(cut + 24).append('\'');
    for (int i = 0; i < cut; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('\'');
    return cut == text.length() ? sb.toString() : sb.append("... (").append(text.length()).append(" characters)").toString();
  }

  /** Never splits a surrogate pair. */
  private static int cutPoint(String text) {
    return Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
  }
}
