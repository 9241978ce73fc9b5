package dev.microservice.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msvc validate}: every problem of a manifest, each with its line and path; exit 1 when there are any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a manifest as the API server (schema, CEL rules) and the runtime would, and print every problem "
        + "as <file>:<line>:<column>: <field>: <reason>.")
final class ValidateCommand implements Callable<Integer> {
  /** What validate says of a valid manifest when endpoint names were not checked. */
  static final String UNCHECKED = "valid (endpoint names not checked: pass --endpoints <dir> to check them)";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--file"}, required = true, description = "The MicroService manifest.")
  Path file;

  @Option(names = dev.microservice.model.contract.RuntimeContract.ENDPOINTS_FLAG, paramLabel = "DIR", description = "Also check that every service's endpoint is in the jars of this directory.")
  Path endpoints;

  @Override
  public Integer call() {
    ManifestCheck check = ManifestCheck.of(file, endpoints);
    if (!check.problems().isEmpty()) {
      return ProblemReport.print(spec.commandLine().getErr(), file, check.problems());
    }
    spec.commandLine().getOut().println(file + ": " + (endpoints == null ? UNCHECKED : "valid"));
    return 0;
  }
}
