package dev.microservice.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each field of a manifest is written, so that every problem can name its line and column:
 * a field's key, a list item's first token. A problem about a field that is missing is placed at
 * the nearest object that is there.
 */
public final class ProblemLocations {
  private final Map<String, int[]> positions = new HashMap<>();

  private ProblemLocations(String yaml) {
    try (JsonParser p = ManifestParser.FACTORY.createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        JsonStreamContext ctx = t == JsonToken.FIELD_NAME ? p.getParsingContext() : ProblemCollector.valueContext(p);
        boolean value = t != JsonToken.FIELD_NAME && t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT;
        if (t == JsonToken.FIELD_NAME || (value && (ctx.inArray() || ctx.inRoot()))) {
          JsonLocation at = p.currentTokenLocation();
          positions.putIfAbsent(ProblemCollector.pathOf(ctx), new int[] {at.getLineNr(), at.getColumnNr()});
        }
      }
    } catch (IOException | RuntimeException e) {
      // a syntax error: the parse reports it with its position; what was read before it is placed
    }
  }

  /**
   * @param yaml the manifest
   * @param problems its problems
   * @return them, each with its line and column (those already placed, or in no place, as they are)
   */
  public static List<Problem> locate(String yaml, List<Problem> problems) {
    if (problems.stream().allMatch(p -> p.line() > 0 || !p.hasPath())) {
      return problems;
    }
    ProblemLocations locations = new ProblemLocations(yaml);
    return problems.stream().map(locations::place).toList();
  }

  private Problem place(Problem p) {
    for (String path = p.path(); p.line() == 0 && !path.isEmpty(); path = up(path)) {
      int[] at = positions.get(path);
      if (at != null && at[0] > 0) {
        return p.locatedAt(at[0], at[1]);
      }
    }
    return p;
  }

  /** @return the path one field or item up; at the top, the whole document's; empty above it */
  private static String up(String path) {
    if (path.equals("(document)")) {
      return "";
    }
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "(document)" : path.substring(0, cut);
  }
}
