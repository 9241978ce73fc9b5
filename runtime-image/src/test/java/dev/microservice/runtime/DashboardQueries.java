package dev.microservice.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL of a Grafana dashboard: every panel target's expr (rows' panels too) and every query variable. */
final class DashboardQueries {
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");

  /** One query and where it is, e.g. panel 'Retries' target A. */
  record Query(String where, String expr) {}

  private DashboardQueries() {}

  static List<Query> of(JsonNode dashboard) {
    List<Query> queries = new ArrayList<>();
    panels(dashboard.path("panels"), queries);
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (v.path("type").asText().equals("query")) {
        String q = v.path("query").isObject() ? v.path("query").path("query").asText() : v.path("query").asText();
        Matcher m = LABEL_VALUES.matcher(q);
        queries.add(new Query("variable '" + v.path("name").asText() + "'", m.matches() ? m.group(1) : q));
      }
    }
    return queries;
  }

  private static void panels(JsonNode panels, List<Query> queries) {
    for (JsonNode panel : panels) {
      panels(panel.path("panels"), queries);
      for (JsonNode target : panel.path("targets")) {
        queries.add(new Query("panel '" + panel.path("title").asText() + "' target " + target.path("refId").asText(),
            target.path("expr").asText()));
      }
    }
  }
}
