package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and writes {@code MicroService} manifests as YAML, validating what it reads. */
public final class ManifestParser {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.WRITE_EMPTY_JSON_ARRAYS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /**
   * The runtime's view: it skips what only Kubernetes uses (images, env, resources, pod settings),
   * so their (large) types are never bound at start-up. The operator and the CLI check those.
   */
  @JsonIgnoreProperties({"endpoints", "runtimeImage", "env", "resources", "pod"})
  private interface RuntimeView {}

  private static final ObjectMapper RUNTIME_YAML = YAML.copy().addMixIn(MicroServiceSpec.class, RuntimeView.class);

  private ManifestParser() {}

  /**
   * Reads and validates a manifest file as the runtime needs it: Kubernetes-only fields (images,
   * env, resources, pod settings) are skipped, not bound.
   *
   * @param file the YAML file
   * @return the manifest, with those fields left empty
   * @throws ManifestException listing every problem, each with its path
   */
  public static Manifest parseForRuntime(Path file) {
    return parse(read(file), file.toString(), RUNTIME_YAML);
  }

  /**
   * Reads and validates a manifest file.
   *
   * @param file the YAML file
   * @return the manifest
   * @throws ManifestException listing every problem, each with its path
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Manifest parse(Path file) {
    return parse(read(file), file.toString());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UncheckedIOException("cannot read manifest " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
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

  private static Manifest parse(String yaml, String source, ObjectMapper mapper) {
    ProblemCollector collector = new ProblemCollector();
    List<Problem> problems = new ArrayList<>();
    Manifest manifest = null;
    if (yaml.isBlank()) {
      problems.add(new Problem("(document)", "the manifest is empty"));
    } else {
      try {
        manifest = mapper.readerFor(Manifest.class).withHandler(collector).readValue(yaml);
      } catch (JsonMappingException e) {
        if (e.getCause() instanceof StreamReadException syntax) {
          problems.add(syntaxProblem(syntax));
        } else {
          problems.add(new Problem(pathOf(e), firstLine(e.getOriginalMessage())));
        }
      } catch (StreamReadException e) {
        problems.add(syntaxProblem(e));
      } catch (JsonProcessingException e) {
        problems.add(new Problem(locationOf(e.getLocation()), firstLine(e.getOriginalMessage())));
      }
    }
    problems.addAll(0, collector.problems());
    if (manifest != null) {
      Set<String> reported = problems.stream().map(Problem::path).collect(Collectors.toSet());
      ManifestValidator.validate(manifest).stream()
          .filter(p -> !reported.contains(p.path()))
          .forEach(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(source, problems);
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

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? locationOf(e.getLocation()) : sb.toString();
  }

  private static Problem syntaxProblem(StreamReadException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String oneLine =
        message.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("^"))
            .filter(l -> !l.startsWith("in 'reader'")).collect(Collectors.joining("; "));
    return new Problem(locationOf(e.getLocation()), "not valid YAML: " + oneLine);
  }

  private static String locationOf(JsonLocation location) {
    return location == null
        ? "(document)"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "cannot be read";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
