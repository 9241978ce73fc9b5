package dev.microservice.model.crd;

import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;
import java.util.Map;

/**
 * Makes {@code status.conditions} a list of metav1.Condition as Kubernetes declares it: the required fields, the
 * status enum, the patterns and lengths of type, reason and message, an RFC 3339 lastTransitionTime, and a list-map
 * keyed by type. The API server then refuses a status patch whose condition lacks a field.
 */
final class ConditionSchema {
  static final String TYPE_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
      + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$";
  static final String REASON_PATTERN = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

  private ConditionSchema() {}

  /** Applies the metav1.Condition rules to {@code conditions}, the schema of the list. */
  static void apply(JSONSchemaProps conditions) {
    conditions.setXKubernetesListType("map");
    conditions.setXKubernetesListMapKeys(List.of("type"));
    JSONSchemaProps item = conditions.getItems().getSchema();
    item.setRequired(List.of("type", "status", "reason", "message", "lastTransitionTime"));
    Map<String, JSONSchemaProps> p = item.getProperties();
    p.get("type").setDescription("Type of the condition, in CamelCase: Ready, Available, Progressing or Degraded.");
    p.get("type").setPattern(TYPE_PATTERN);
    p.get("type").setMaxLength(316L);
    p.get("status").setDescription("Status of the condition: True, False or Unknown.");
    p.get("status").setEnum(List.of(TextNode.valueOf("True"), TextNode.valueOf("False"), TextNode.valueOf("Unknown")));
    p.get("reason").setDescription("Why the condition last changed: a CamelCase identifier programs can match on.");
    p.get("reason").setPattern(REASON_PATTERN);
    p.get("reason").setMinLength(1L);
    p.get("reason").setMaxLength(1024L);
    p.get("message").setDescription("Details of the last change, for people.");
    p.get("message").setMaxLength(32768L);
    p.get("lastTransitionTime").setDescription("When the status last changed (RFC 3339).");
    p.get("lastTransitionTime").setFormat("date-time");
    p.get("observedGeneration").setDescription("The metadata.generation the condition was set from.");
    p.get("observedGeneration").setMinimum(0.0);
  }
}
