package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * The runtime's view of a manifest: a MicroService without the fields only Kubernetes uses (replicas, images, env,
 * resources, pod settings). The operator writes it into the runtime's ConfigMap and the runtime reads it, both
 * through this one view, so their large types are never bound at the runtime's start-up.
 */
public final class RuntimeManifest {
  /**
   * The spec fields only Kubernetes uses: left out when written, skipped unbound when read. The operator and the CLI
   * check them; the runtime never sees them.
   */
  @JsonIgnoreProperties({"replicas", "endpoints", "runtimeImage", "env", "resources", "pod"})
  private interface KubernetesOnly {}

  /** The manifest YAML, seen through {@link KubernetesOnly}. */
  static final ObjectMapper YAML = ManifestParser.yaml().copy().addMixIn(MicroServiceSpec.class, KubernetesOnly.class);

  private RuntimeManifest() {}

  /**
   * The runtime manifest of a MicroService: a copy, so changing it (e.g. its Secret references) leaves the
   * MicroService untouched. Neither parsed from text nor validated: check the MicroService first.
   *
   * @param ms the MicroService
   * @return a new manifest without the Kubernetes-only fields
   */
  public static Manifest of(MicroService ms) {
    try {
      return YAML.treeToValue(YAML.valueToTree(ms.toManifest()), Manifest.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot copy MicroService " + ms.getMetadata().getName(), e);
    }
  }

  /**
   * Writes a runtime manifest as YAML, in the format {@link #parse(Path)} reads; Kubernetes-only fields are left out.
   *
   * @param manifest the manifest
   * @return YAML text
   */
  public static String toYaml(Manifest manifest) {
    try {
      return YAML.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render manifest", e);
    }
  }

  /**
   * Reads and validates a manifest file as the runtime needs it: Kubernetes-only fields are skipped, not bound.
   *
   * @param file the YAML file
   * @return the manifest, with those fields left empty
   * @throws ManifestException listing every problem, each with its path
   */
  public static Manifest parse(Path file) {
    return ManifestParser.parse(file, YAML);
  }
}
