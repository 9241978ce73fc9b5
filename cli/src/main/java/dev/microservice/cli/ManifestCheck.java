package dev.microservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microservice.model.Consequences;
import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestException;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.ManifestText;
import dev.microservice.model.ManifestValidator;
import dev.microservice.model.MicroService;
import dev.microservice.model.Problem;
import dev.microservice.model.ProblemLocations;
import dev.microservice.cli.schema.CrdValidator;
import dev.microservice.operator.validation.SpecChecks;
import dev.microservice.runtime.StartupException;
import dev.microservice.runtime.endpoints.EndpointCatalog;
import dev.microservice.runtime.endpoints.EndpointLoader;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks of a manifest file that validate, render and run share, so that all three find the
 * same problems: the parse (unknown fields, wrong types, the manifest's rules), the CRD's schema
 * and CEL rules, the operator's checks, and, when the endpoint jars are given, the endpoint names.
 *
 * @param manifest the manifest as the runtime reads it; null when it has problems
 * @param object the manifest as the operator reads it; null when it has problems
 * @param problems every problem, each with its line and column, one per mistake
 */
record ManifestCheck(Manifest manifest, MicroService object, List<Problem> problems) {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /**
   * @param file the manifest file
   * @param endpoints the endpoint jars' directory, or null to leave endpoint names unchecked
   * @return what was found
   * @throws CliException when the file or the endpoints cannot be read
   */
  static ManifestCheck of(Path file, Path endpoints) {
    if (!Files.isRegularFile(file)) {
      throw new CliException("cannot read " + file + ": no such file");
    }
    String text;
    try {
      text = ManifestText.read(file); // refused unread when too large; not UTF-8 is a problem with its position
    } catch (ManifestException e) {
      return new ManifestCheck(null, null, e.problems());
    }
    List<Problem> problems = List.of();
    Manifest manifest = null;
    try {
      manifest = ManifestParser.parse(text, file.toString());
    } catch (ManifestException e) {
      problems = e.problems();
    }
    JsonNode tree = ManifestParser.tree(text);
    if (tree != null) {
      problems = Consequences.merge(problems, CrdValidator.load().validate(tree));
    }
    MicroService object = manifest == null || tree == null ? null : object(file, tree);
    if (object != null) {
      problems = Consequences.merge(problems, SpecChecks.specProblems(object));
    }
    if (manifest != null && endpoints != null) {
      problems = Consequences.merge(problems, ManifestValidator.checkEndpoints(manifest.getSpec(), endpointNames(endpoints)));
    }
    problems = ProblemLocations.locate(text, problems);
    return problems.isEmpty() ? new ManifestCheck(manifest, object, problems) : new ManifestCheck(null, null, problems);
  }

  /** The operator's view, from the tree the parse read (the same YAML reader: a local tag is no error). */
  private static MicroService object(Path file, JsonNode tree) {
    try {
      return SERIALIZATION.convertValue(tree, MicroService.class);
    } catch (RuntimeException e) {
      throw new CliException("cannot read " + file + " as a MicroService", e);
    }
  }

  private static List<String> endpointNames(Path endpoints) {
    try (EndpointCatalog catalog = EndpointLoader.load(endpoints)) {
      return List.copyOf(catalog.names());
    } catch (StartupException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
