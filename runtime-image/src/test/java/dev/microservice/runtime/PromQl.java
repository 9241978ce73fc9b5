package dev.microservice.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL to find the metrics a query reads: its selectors, with their label equality matchers. */
final class PromQl {
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern EQUALITY = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset");

  /** A metric a query reads, and the labels it must have the given values of. */
  record Selector(String metric, Map<String, String> equalities) {}

  private PromQl() {}

  /** @return the query's selectors: {@code name{...}}, and a bare metric name as one without matchers */
  static List<Selector> selectors(String expr) {
    List<Selector> found = new ArrayList<>();
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      Map<String, String> eq = new LinkedHashMap<>();
      Matcher e = EQUALITY.matcher(m.group(2));
      while (e.find()) {
        if (!e.group(2).contains("$")) { // a Grafana variable is no fixed value
          eq.put(e.group(1), e.group(2));
        }
      }
      found.add(new Selector(m.group(1), eq));
    }
    // Bare names: what is left without selectors, strings, ranges, grouping labels and function calls.
    String rest = SELECTOR.matcher(expr).replaceAll(" ").replaceAll("\"[^\"]*\"", " ").replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Matcher id = IDENTIFIER.matcher(rest);
    while (id.find()) {
      String name = id.group();
      boolean call = rest.substring(id.end()).stripLeading().startsWith("(");
      boolean partOfNumber = id.start() > 0 && Character.isDigit(rest.charAt(id.start() - 1));
      if (!call && !partOfNumber && !KEYWORDS.contains(name) && !name.startsWith("$")) {
        found.add(new Selector(name, Map.of()));
      }
    }
    return found;
  }
}
