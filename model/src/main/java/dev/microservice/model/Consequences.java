package dev.microservice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One mistake, one problem: drops what follows from a problem already reported. A misspelt field
 * ({@code sevices}, "did you mean 'services'?") leaves the field it meant missing, and a value of
 * the wrong type leaves its field empty; what other checks say about those fields, or about their
 * object naming them, repeats the same mistake.
 */
public final class Consequences {
  private Consequences() {}

  /**
   * @param first problems already found
   * @param more problems of a later check
   * @return the first, then those of the later check at paths not reported yet, without consequences
   */
  public static List<Problem> merge(List<Problem> first, List<Problem> more) {
    Set<String> reported = first.stream().filter(Problem::hasPath).map(Problem::path).collect(Collectors.toSet());
    List<Problem> all = new ArrayList<>(first);
    more.stream().filter(p -> !reported.contains(p.path())).forEach(all::add);
    return collapse(all);
  }

  /**
   * @param problems problems of a manifest
   * @return them without the consequences of the others, and each once, in the same order
   */
  public static List<Problem> collapse(List<Problem> problems) {
    List<Problem> causes = problems.stream().filter(p -> meant(p) != null).toList();
    return problems.stream().distinct().filter(p -> causes.contains(p) || causes.stream().noneMatch(c -> follows(p, c))).toList();
  }

  /** @return the field a problem leaves missing or empty: the one a typo meant, or the one of the wrong type */
  private static String meant(Problem p) {
    if (!p.hasPath()) {
      return null;
    }
    String suggested = p.message().startsWith("unknown field") ? NearMiss.suggested(p.message()) : null;
    if (suggested != null) {
      return sibling(p.path(), suggested);
    }
    return p.message().startsWith("expected ") && p.message().contains(", got ") ? p.path() : null;
  }

  /**
   * Whether a problem follows from another: it is about the field a typo meant (or inside it), or
   * inside a value of the wrong type, or about the object holding that field, naming it.
   */
  private static boolean follows(Problem p, Problem cause) {
    String field = meant(cause);
    String parent = parent(field);
    String name = parent.isEmpty() ? field : field.substring(parent.length() + 1);
    boolean typo = !field.equals(cause.path());
    if ((typo && p.path().equals(field)) || p.path().startsWith(field + ".") || p.path().startsWith(field + "[")) {
      return true;
    }
    boolean atParent = parent.isEmpty() ? p.path().equals("(document)") || p.path().equals("(object)") : p.path().equals(parent);
    return atParent && Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(p.message()).find();
  }

  private static String sibling(String path, String name) {
    String parent = parent(path);
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** @return the path of the object holding the field at this path; empty at the top */
  private static String parent(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }
}
