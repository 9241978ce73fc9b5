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
  /** What a secret field accepts, in the manifest's words. */
  static final String SECRET_FORMS = "{file: <path>}, {env: <VARIABLE>} or {secretKeyRef: {name: <Secret>, key: <key>}}";

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
    List<String> names = known == null ? List.of() : new TreeSet<>(known.stream().map(String::valueOf).toList()).stream().toList();
    String knownList = names.isEmpty() ? "" : "; known fields: " + String.join(", ", names);
    JsonStreamContext field = valueContext(p);
    String path = pathOf(field);
    String parent = pathOf(field.getParent()); // the object holding the field (its path, not the path cut at a dot)
    if (SecretPaths.isSecret(parent)) {
      problems.add(new Problem(parent, "unknown field (not named here: it may hold a secret)" + knownList));
    } else {
      problems.add(new Problem(path, unknownField(propertyName, names)));
    }
    p.skipChildren();
    return true;
  }

  /** @return "unknown field", with the known field it was probably meant to be, else every known field */
  static String unknownField(String name, Collection<String> known) {
    String meant = NearMiss.of(name, known);
    return meant != null ? "unknown field; " + NearMiss.hint(meant)
        : known.isEmpty() ? "unknown field" : "unknown field; known fields: " + String.join(", ", new TreeSet<>(known));
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext ctxt, Class<?> instClass, com.fasterxml.jackson.databind.deser.ValueInstantiator inst,
      JsonParser p, String msg) throws IOException {
    String path = pathOf(valueContext(p));
    String got = describe(p.currentToken());
    if (instClass == SecretValueSpec.class) {
      problems.add(new Problem(path, "expected " + SECRET_FORMS + ", got " + got
          + " (a secret value may not be written in the manifest)"));
    } else {
      problems.add(new Problem(path, "expected " + describe(instClass) + ", got " + got));
    }
    p.skipChildren();
    return null;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
    String path = pathOf(ctxt.getParser().getParsingContext());
    problems.add(new Problem(path, "expected " + describe(targetType) + ", got "
        + (SecretPaths.isSecret(path) ? "a string" : Echo.quoted(value))));
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
    String path = pathOf(ctxt.getParser().getParsingContext());
    problems.add(new Problem(path, "expected " + describe(targetType) + ", got "
        + (SecretPaths.isSecret(path) ? "a number" : Echo.quoted(String.valueOf(value)))));
    return null;
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String msg)
      throws IOException {
    Class<?> type = targetType.getRawClass();
    String expected = type == SecretValueSpec.class ? SECRET_FORMS : describe(type);
    problems.add(new Problem(pathOf(valueContext(p)), "expected " + expected + ", got " + describe(t)));
    p.skipChildren();
    return null;
  }

  /** The context of the value the parser is at: for a list or a map, the one holding it (the parser has stepped in). */
  static JsonStreamContext valueContext(JsonParser p) {
    JsonStreamContext ctx = p.getParsingContext();
    JsonToken t = p.currentToken();
    return (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) && ctx.getParent() != null ? ctx.getParent() : ctx;
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

  static String describe(JsonToken t) {
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
