package dev.microservice.model;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The known name a misspelt one was meant to be: a letter or two off, two letters swapped, or another case. */
final class NearMiss {
  /** How a problem's message names the field it suggests. */
  private static final Pattern HINT = Pattern.compile("did you mean '([^']+)'\\?");

  private NearMiss() {}

  /**
   * @param typo the name written
   * @param known the names allowed there
   * @return the one known name closest to the typo, or null when none is close or two are as close
   */
  static String of(String typo, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String k : known) {
      int d = distance(typo.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    int allowed = Math.min(typo.length(), best == null ? 0 : best.length()) <= 4 ? 1 : 2;
    return best == null || tie || bestDistance > allowed ? null : best;
  }

  /** @return the hint for a suggested name, as {@link #suggested} reads it back */
  static String hint(String name) {
    return "did you mean '" + name + "'?";
  }

  /**
   * @param message a problem's message
   * @return the field it suggests, or null
   */
  static String suggested(String message) {
    Matcher m = HINT.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  /** Edits (insert, delete, replace, swap two neighbours) from one word to the other. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
