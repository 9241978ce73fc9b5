package dev.microservice.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds keys in {@code metadata} that Kubernetes' object metadata does not have (a typo such as
 * {@code namepsace}), which the API server refuses and the parse, which keeps only what the
 * runtime uses, would skip silently.
 */
final class MetadataKeys {
  /** The fields of Kubernetes' ObjectMeta. */
  static final Set<String> KNOWN = new TreeSet<>(List.of("annotations", "creationTimestamp", "deletionGracePeriodSeconds",
      "deletionTimestamp", "finalizers", "generateName", "generation", "labels", "managedFields", "name", "namespace",
      "ownerReferences", "resourceVersion", "selfLink", "uid"));

  private MetadataKeys() {}

  static List<Problem> scan(JsonFactory factory, String text) {
    List<Problem> problems = new ArrayList<>();
    try (JsonParser p = factory.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        JsonStreamContext holder = p.getParsingContext().getParent();
        if (t == JsonToken.FIELD_NAME && holder != null && holder.getParent() != null && holder.getParent().inRoot()
            && "metadata".equals(holder.getCurrentName()) && !KNOWN.contains(p.currentName())) {
          problems.add(new Problem(ProblemCollector.pathOf(p.getParsingContext()),
              ProblemCollector.unknownField(p.currentName(), KNOWN)));
        }
      }
    } catch (IOException | RuntimeException e) {
      // syntax errors and limits: the parse reports them with their position
    }
    return problems;
  }
}
