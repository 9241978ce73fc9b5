package dev.microservice.cli.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.microservice.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Evaluates a CRD schema's {@code x-kubernetes-validations} CEL rules on an object, node by node. */
final class CelRules {
  private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  /** Checks the rules of every schema node on the values of the object. */
  void check(String path, JsonNode schema, JsonNode value, List<Problem> problems) {
    SchemaWalk.walk(path, schema, value, (at, node, v) -> {
      for (JsonNode rule : node.path("x-kubernetes-validations")) {
        if (!evaluate(rule.get("rule").asText(), v)) {
          // fieldPath (".sasl") points below the node the rule sits on, as the API server reports it.
          String field = at + rule.path("fieldPath").asText("");
          problems.add(new Problem(field.isEmpty() ? "(object)" : field, rule.path("message").asText(rule.get("rule").asText())));
        }
      }
    });
  }

  boolean evaluate(String rule, JsonNode value) {
    try {
      Object result = program(rule).eval(Map.of("self", toCel(value)));
      return Boolean.TRUE.equals(result);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("CEL rule '" + rule + "' failed: " + e.getMessage(), e);
    }
  }

  private CelRuntime.Program program(String rule) {
    return programs.computeIfAbsent(rule, r -> {
      try {
        CelAbstractSyntaxTree ast = compiler.compile(r).getAst();
        return runtime.createProgram(ast);
      } catch (CelValidationException | CelEvaluationException e) {
        throw new IllegalStateException("CEL rule '" + r + "' does not compile: " + e.getMessage(), e);
      }
    });
  }

  /** JSON as CEL sees it: maps, lists, int64, double, string, bool. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toCel(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
