package dev.microservice.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition: the sample names and, per name, each label's values. */
final class Scrape {
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private final Map<String, Map<String, Set<String>>> samples = new HashMap<>();

  static Scrape parse(String text) {
    Scrape s = new Scrape();
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
      Map<String, Set<String>> labels = s.samples.computeIfAbsent(name, n -> new HashMap<>());
      if (brace >= 0 && brace < space) {
        Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
        while (m.find()) {
          labels.computeIfAbsent(m.group(1), l -> new HashSet<>()).add(m.group(2));
        }
      }
    }
    return s;
  }

  boolean has(String metric) {
    return samples.containsKey(metric);
  }

  boolean has(String metric, String label, String value) {
    return samples.getOrDefault(metric, Map.of()).getOrDefault(label, Set.of()).contains(value);
  }

  List<String> names() {
    return samples.keySet().stream().sorted().toList();
  }
}
