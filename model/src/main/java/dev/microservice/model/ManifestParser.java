package dev.microservice.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes {@code MicroService} manifests as YAML, validating what it reads. Within
 * {@link ManifestLimits}; every problem names its path, and none repeats a value at a secret path.
 */
public final class ManifestParser {
  /** YAML as manifests are read: bounded size, depth and numbers. */
  static final YAMLFactory FACTORY = factory();

  private static final ObjectMapper YAML =
      new ObjectMapper(FACTORY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.WRITE_EMPTY_JSON_ARRAYS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ManifestParser() {}

  private static YAMLFactory factory() {
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(ManifestLimits.MAX_BYTES + 1);
    return YAMLFactory.builder()
        .loaderOptions(loader)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(ManifestLimits.MAX_DEPTH)
            .maxNumberLength(ManifestLimits.MAX_NUMBER_CHARS)
            .maxStringLength(ManifestLimits.MAX_BYTES)
            .build())
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .build();
  }

  /** The manifest YAML mapper, for {@link RuntimeManifest}'s view of it. */
  static ObjectMapper yaml() {
    return YAML;
  }

  /**
   * Reads and validates a manifest file as the runtime needs it: the {@link RuntimeManifest} view, whose
   * Kubernetes-only fields are skipped, not bound.
   *
   * @param file the YAML file
   * @return the manifest, with those fields left empty
   * @throws ManifestException listing every problem, each with its path
   */
  public static Manifest parseForRuntime(Path file) {
    return RuntimeManifest.parse(file);
  }

  /** Reads and validates a manifest file with the given mapper (a view of {@link #yaml()}). */
  static Manifest parse(Path file, ObjectMapper mapper) {
    return parse(ManifestText.read(file), file.toString(), mapper);
  }

  /**
   * Reads and validates a manifest file; one over {@link ManifestLimits#MAX_BYTES} is refused unread.
   *
   * @param file the YAML file
   * @return the manifest
   * @throws ManifestException listing every problem, each with its path
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Manifest parse(Path file) {
    return parse(ManifestText.read(file), file.toString());
  }

  /**
   * Reads and validates a manifest.
   *
   * @param yaml the YAML text
   * @param source where it came from, for error messages
   * @return the manifest
   * @throws ManifestException listing every problem, each with its path
   */
  public static Manifest parse(String yaml, String source) {
    return parse(yaml, source, YAML);
  }

  /**
   * Reads a manifest as a tree, within the same limits, for checks of its own (the CRD schema).
   *
   * @param yaml the YAML text
   * @return the tree, or null when it is not a YAML mapping (the parse reports why)
   */
  public static JsonNode tree(String yaml) {
    if (yaml.length() > ManifestLimits.MAX_BYTES) {
      return null;
    }
    try {
      JsonNode tree = YAML.readTree(yaml);
      return tree == null || !tree.isObject() ? null : tree;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  private static Manifest parse(String yaml, String source, ObjectMapper mapper) {
    ManifestLimits.checkSize(ManifestText.utf8Length(yaml), source);
    ProblemCollector collector = new ProblemCollector();
    List<Problem> problems = new ArrayList<>();
    Manifest manifest = null;
    Problem character = ManifestText.badCharacter(yaml);
    if (yaml.isBlank()) {
      problems.add(new Problem("(document)", "the manifest is empty"));
    } else if (character != null) {
      problems.add(character);
    } else {
      try {
        manifest = mapper.readerFor(Manifest.class).withHandler(collector).readValue(yaml);
      } catch (JsonProcessingException e) {
        problems.add(JacksonProblems.of(e));
      }
      problems.addAll(0, collector.problems());
      problems.addAll(0, MetadataKeys.scan(FACTORY, yaml));
      problems.addAll(0, DuplicateKeys.outside(DuplicateKeys.scan(FACTORY, yaml), problems));
    }
    problems = manifest == null ? Consequences.collapse(problems) : Consequences.merge(problems, ManifestValidator.validate(manifest));
    if (!problems.isEmpty()) {
      throw new ManifestException(source, ProblemLocations.locate(yaml, problems));
    }
    return manifest;
  }

  /**
   * Writes a manifest as YAML, in the format {@link #parse(String, String)} reads.
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
}
