package dev.microservice.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Collects binding problems (unknown fields, values of the wrong type) with their paths and lets
 * Jackson go on, so that one parse reports every problem instead of the first.
 */
final class ProblemCollector extends DeserializationProblemHandler {
  private final List<Problem> problems = new ArrayList<>();

  List<Problem> problems() {
    return problems;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    Collection<Object> known = deserializer.getKnownPropertyNames();
    String knownList =
        known == null
            ? ""
            : "; known fields: "
                + new TreeSet<>(known.stream().map(String::valueOf).toList())
                    .stream()
                    .collect(Collectors.joining(", "));
    problems.add(new Problem(pathOf(p.getParsingContext()), "unknown field" + knownList));
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
    problems.add(
        new Problem(
            pathOf(ctxt.getParser().getParsingContext()),
            "expected " + describe(targetType) + ", got '" + value + "'"));
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
    problems.add(
        new Problem(
            pathOf(ctxt.getParser().getParsingContext()),
            "expected " + describe(targetType) + ", got " + value));
    return null;
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String msg)
      throws IOException {
    JsonStreamContext ctx = p.getParsingContext();
    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
      ctx = ctx.getParent(); // the parser has already stepped into the value
    }
    problems.add(
        new Problem(
            pathOf(ctx), "expected " + describe(targetType.getRawClass()) + ", got " + describe(t)));
    p.skipChildren();
    return null;
  }

  /** Renders a parser position as a manifest path such as {@code spec.servers[0].grpc.port}. */
  static String pathOf(JsonStreamContext ctx) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add(0, "." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? "(document)" : path;
  }

  static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants())
          .map(c -> enumName((Enum<?>) c)).collect(Collectors.joining(", "));
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a map of strings";
    }
    return "an object";
  }

  private static String enumName(Enum<?> constant) {
    try {
      com.fasterxml.jackson.annotation.JsonProperty p = constant.getDeclaringClass()
          .getField(constant.name()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
      return p != null ? p.value() : constant.name();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a decimal number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
