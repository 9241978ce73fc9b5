package dev.microservice.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
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
    String path = e instanceof JsonMappingException m ? pathOf(m) : "";
    if (limit != null) {
      return where(path, e.getLocation(), limit(limit.getMessage()));
    }
    MarkedYAMLException yaml = find(e, MarkedYAMLException.class);
    if (yaml != null) {
      return syntax(yaml);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return where(path, e.getLocation(), "expected " + ProblemCollector.describe(m.getTargetType()) + " here");
    }
    if (e instanceof JsonMappingException) {
      return where(path, e.getLocation(), "cannot be read here; see docs/manifest.md for what this field takes");
    }
    return where(path, e.getLocation(), "not valid YAML here");
  }

  /** A problem at its path when it has one, else at its position, else at the whole document. */
  private static Problem where(String path, JsonLocation location, String message) {
    if (!path.isEmpty()) {
      return new Problem(path, message);
    }
    return location == null || location.getLineNr() < 1
        ? new Problem("(document)", message)
        : Problem.at(location.getLineNr(), location.getColumnNr(), message);
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

  /**
   * A syntax error at the mark SnakeYAML names (counted from 0; editors count from 1). When the
   * document ends inside something left open (a quote, a bracket), at the place it was opened.
   */
  private static Problem syntax(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "cannot be read" : e.getProblem();
    Mark at = e.getProblemMark();
    Mark context = e.getContextMark();
    if (context != null && (at == null || problem.contains("end of stream"))) {
      at = context;
      problem = problem.replace("found unexpected end of stream", "not closed before the end of the file");
    }
    StringBuilder why = new StringBuilder("not valid YAML: ");
    if (e.getContext() != null) {
      why.append(e.getContext());
      if (context != null && at != null && context.getLine() != at.getLine()) {
        why.append(" (from line ").append(context.getLine() + 1).append(", column ").append(context.getColumn() + 1).append(')');
      }
      why.append("; ");
    }
    why.append(QUOTES_DOCUMENT.matcher(problem).matches() ? "found a tag or directive that is not defined" : problem);
    return at == null ? new Problem("(document)", why.toString()) : Problem.at(at.getLine() + 1, at.getColumn() + 1, why.toString());
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
      return "";
    }
    return SecretPaths.isSecret(parent) ? parent : path.toString(); // a key under a secret may be the secret
  }
}
