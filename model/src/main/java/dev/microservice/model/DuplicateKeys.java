package dev.microservice.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds keys that appear twice in one mapping, which YAML forbids and Jackson would resolve
 * silently (the last one wins). One streaming pass; it stops at the first syntax error, which the
 * parse reports.
 */
final class DuplicateKeys {
  private static final Set<String> SECRET_FIELDS = Set.of("secretKeyRef", "file", "env", "name", "key");

  private DuplicateKeys() {}

  static List<Problem> scan(JsonFactory factory, String text) {
    List<Problem> problems = new ArrayList<>();
    Deque<Set<String>> keys = new ArrayDeque<>();
    try (JsonParser p = factory.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          keys.push(new HashSet<>());
        } else if (t == JsonToken.END_OBJECT) {
          keys.pop();
        } else if (t == JsonToken.FIELD_NAME && !keys.isEmpty() && !keys.peek().add(p.currentName())) {
          Problem d = duplicate(ProblemCollector.pathOf(p.getParsingContext()),
              ProblemCollector.pathOf(p.getParsingContext().getParent()), p.currentName());
          problems.add(d.locatedAt(p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // syntax errors and limits: the parse reports them with their position
    }
    return problems;
  }

  /**
   * @param duplicates what {@link #scan} found
   * @param binding the problems of reading the manifest into its types
   * @return the duplicates not inside a field already refused (an unknown field, a value of the
   *     wrong type): nothing inside those is read, so nothing there is reported, nor named
   */
  static List<Problem> outside(List<Problem> duplicates, List<Problem> binding) {
    return duplicates.stream()
        .filter(d -> binding.stream().noneMatch(b -> d.path().startsWith(b.path() + ".") || d.path().startsWith(b.path() + "[")))
        .toList();
  }

  private static Problem duplicate(String path, String parent, String key) {
    if (SecretPaths.isSecret(parent) && !SECRET_FIELDS.contains(key)) {
      return new Problem(parent, "a key appears more than once (not named here: it may hold a secret); keep one");
    }
    return new Problem(path, "appears more than once in the same mapping; keep one (duplicate keys are not allowed)");
  }
}
