package dev.microservice.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msvc}: run a MicroService locally, send it messages, validate and render manifests. */
@Command(name = "msvc", mixinStandardHelpOptions = true, versionProvider = Msvc.Version.class,
    description = "Run a MicroService on this machine, send it messages, validate and render manifests.",
    subcommands = {RunCommand.class, SendCommand.class, RenderCommand.class, ValidateCommand.class,
        dev.microservice.cli.cluster.ClusterCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:failure (the error says why)", "2:bad command line"})
public final class Msvc {
  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces and debug logs.")
  boolean verbose;

  /**
   * Runs msvc.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Logging.configure(args);
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs one msvc command.
   *
   * @param out where results go
   * @param err where errors go
   * @param args the command line
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Msvc());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean verbose = parseResult.hasMatchedOption("--verbose")
          || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
      if (verbose) {
        e.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().println("error: " + CliException.oneLine(e));
      return 1;
    });
    return cli.execute(args);
  }

  /** The version, from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Msvc.class.getPackage().getImplementationVersion();
      return new String[] {"msvc " + (v == null ? "(development build)" : v)};
    }
  }
}
