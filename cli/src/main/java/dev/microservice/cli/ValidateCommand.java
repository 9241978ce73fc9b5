package dev.microservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestException;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.ManifestText;
import dev.microservice.model.ManifestValidator;
import dev.microservice.model.Problem;
import dev.microservice.operator.validation.CrdValidator;
import dev.microservice.runtime.StartupException;
import dev.microservice.runtime.endpoints.EndpointLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msvc validate}: every problem of a manifest, each with its path; exit 1 when there are any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a manifest as the API server (schema, CEL rules) and the runtime would, and print every problem with its path.")
final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--file"}, required = true, description = "The MicroService manifest.")
  Path file;

  @Option(names = "--endpoints", description = "Also check that every service's endpoint is in these jars.")
  Path endpoints;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new CliException("cannot read " + file + ": no such file");
    }
    List<Problem> problems = new ArrayList<>();
    Manifest manifest = null;
    JsonNode tree = null;
    try {
      String text = ManifestText.read(file); // refused unread when too large; not UTF-8 is a problem with its position
      tree = ManifestParser.tree(text);
      manifest = ManifestParser.parse(text, file.toString());
    } catch (ManifestException e) {
      problems.addAll(e.problems());
    }
    Set<String> reported = problems.stream().map(Problem::path).collect(Collectors.toSet());
    if (tree != null) {
      CrdValidator.load().validate(tree).stream().filter(p -> !reported.contains(p.path())).forEach(problems::add);
    }
    if (manifest != null && endpoints != null) {
      try {
        problems.addAll(ManifestValidator.checkEndpoints(manifest.getSpec(), EndpointLoader.load(endpoints).names()));
      } catch (StartupException e) {
        problems.add(new Problem("--endpoints", e.getMessage()));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (problems.isEmpty()) {
      out.println(file + ": valid");
      return 0;
    }
    problems.forEach(out::println);
    out.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    return 1;
  }
}
