package dev.microservice.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Jackson and SnakeYAML throw into problems in the manifest's words: a path or a
 * line and column, what was expected, what to write. Never their messages as they are: those
 * name Java classes and Jackson settings, and quote values that may be secrets.
 */
final class JacksonProblems {
  /** SnakeYAML problems that quote more than one character of the document. */
  private static final Pattern QUOTES_DOCUMENT = Pattern.compile("(found undefined tag handle|found unknown directive).*");

  private JacksonProblems() {}

  static Problem of(JsonProcessingException e) {
    StreamConstraintsException limit = find(e, StreamConstraintsException.class);
    String path = e instanceof JsonMappingException m ? pathOf(m) : locationOf(e.getLocation());
    if (limit != null) {
      return new Problem(path, limit(limit.getMessage()));
    }
    MarkedYAMLException yaml = find(e, MarkedYAMLException.class);
    if (yaml != null) {
      return syntax(yaml);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return new Problem(path, "expected " + ProblemCollector.describe(m.getTargetType()) + " here");
    }
    if (e instanceof JsonMappingException) {
      return new Problem(path, "cannot be read here; see docs/manifest.md for what this field takes");
    }
    return new Problem(path, "not valid YAML here");
  }

  private static String limit(String message) {
    String m = message == null ? "" : message;
    if (m.contains("nesting depth")) {
      return "nested more than " + ManifestLimits.MAX_DEPTH + " levels deep; a MicroService manifest needs far fewer";
    }
    if (m.contains("Number value length")) {
      return "a number longer than " + ManifestLimits.MAX_NUMBER_CHARS + " digits";
    }
    if (m.contains("Name length")) {
      return "a key that is too long";
    }
    return "a value longer than the manifest may be (1 MiB)";
  }

  private static Problem syntax(MarkedYAMLException e) {
    String at = e.getProblemMark() == null ? "(document)"
        : "line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1);
    StringBuilder why = new StringBuilder("not valid YAML: ");
    if (e.getContext() != null) {
      why.append(e.getContext());
      if (e.getContextMark() != null && e.getProblemMark() != null && e.getContextMark().getLine() != e.getProblemMark().getLine()) {
        why.append(" (from line ").append(e.getContextMark().getLine() + 1).append(", column ")
            .append(e.getContextMark().getColumn() + 1).append(')');
      }
      why.append("; ");
    }
    String problem = e.getProblem() == null ? "cannot be read" : e.getProblem();
    why.append(QUOTES_DOCUMENT.matcher(problem).matches() ? "found a tag or directive that is not defined" : problem);
    return new Problem(at, why.toString());
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    String parent = "(document)";
    for (JsonMappingException.Reference ref : e.getPath()) {
      String before = path.length() == 0 ? "(document)" : path.toString();
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        parent = before;
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
        parent = before;
      }
    }
    if (path.length() == 0) {
      return locationOf(e.getLocation());
    }
    return SecretPaths.isSecret(parent) ? parent : path.toString(); // a key under a secret may be the secret
  }

  static String locationOf(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? "(document)"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
