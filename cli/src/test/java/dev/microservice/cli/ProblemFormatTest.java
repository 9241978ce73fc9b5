package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate, render and run report a manifest's problems the same way: the same lines,
 * {@code <file>:<line>:<column>: <field path>: <message>}, then {@code <N> problems in <file>}, on
 * standard error, exit code 1; one problem per mistake; no Java in sight.
 */
class ProblemFormatTest {
  static final Path HELLO = RenderTest.ROOT.resolve("examples/hello/microservice.yaml");
  static final Path JARS = RenderTest.ROOT.resolve("examples/hello/target");
  static final List<String> JAVA = List.of("java.", "com.fasterxml", "Exception", "dev.microservice", "\tat ", "error: ");

  @TempDir Path tmp;

  /** The hello example with one edit. */
  Path hello(String name, UnaryOperator<String> edit) throws IOException {
    String original = Files.readString(HELLO);
    String edited = edit.apply(original);
    assertThat(edited).as("the edit applies").isNotEqualTo(original);
    return Files.writeString(tmp.resolve(name), edited);
  }

  /** What one command prints to standard error for a manifest it refuses, having checked it printed nothing else. */
  static List<String> refusal(String command, Path file) throws IOException {
    List<String> args = new ArrayList<>(List.of(command, "-f", file.toString()));
    if (command.equals("run")) {
      args.addAll(List.of("--endpoints", JARS.toString(), "--management-port", free(), "--port", "rpc=" + free(), "--kafka-port", free()));
    }
    CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of(args.toArray(String[]::new)),
        command + " must refuse the manifest before it starts anything");
    assertThat(run.code()).as(command + ": " + run.err()).isEqualTo(1);
    assertThat(run.out()).as(command).isEmpty();
    assertThat(run.err()).as(command).doesNotContain(JAVA);
    return run.err().lines().toList();
  }

  static String free() throws IOException {
    return String.valueOf(RunErrorsTest.freePort());
  }

  /** Each of validate, render and run prints exactly these problems (without the file name) and the count. */
  static void allThreeReport(Path file, String... problems) throws IOException {
    List<String> expected = new ArrayList<>();
    for (String p : problems) {
      expected.add(file + ":" + p);
    }
    expected.add(problems.length + (problems.length == 1 ? " problem in " : " problems in ") + file);
    for (String command : List.of("validate", "render", "run")) {
      assertThat(refusal(command, file)).as(command).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aMisspeltRequiredFieldIsOneProblemWithAHint() throws IOException {
    // before: the unknown field, "must list at least one service" and the CRD's "required property 'services' not found"
    allThreeReport(hello("typo.yaml", y -> y.replaceFirst("services:", "sevices:")),
        "18:11: spec.servers[0].namespaces[0].sevices: unknown field; did you mean 'services'?");
    allThreeReport(hello("grcp.yaml", y -> y.replace("grpc:", "grcp:")),
        "14:7: spec.servers[0].grcp: unknown field; did you mean 'grpc'?");
    allThreeReport(hello("sepc.yaml", y -> y.replace("\nspec:", "\nsepc:")), "8:1: sepc: unknown field; did you mean 'spec'?");
    allThreeReport(hello("imgae.yaml", y -> y.replace("image:", "imgae:")),
        "11:5: spec.endpoints.imgae: unknown field; did you mean 'image'?");
  }

  @Test
  void aValueOfTheWrongTypeDoesNotAlsoLeaveItsObjectIncomplete() throws IOException {
    // before: also "spec.servers[0]: set exactly one of 'grpc' or 'kafka'; neither is set"
    allThreeReport(hello("grpc7.yaml", y -> y.replace("grpc:\n        port: 9090", "grpc: 7")),
        "14:7: spec.servers[0].grpc: expected an object, got an integer");
  }

  @Test
  void aMisspeltMetadataFieldIsAProblem() throws IOException {
    allThreeReport(hello("namepsace.yaml", y -> y.replace("  name: greeter\n", "  name: greeter\n  namepsace: shop\n")),
        "8:3: metadata.namepsace: unknown field; did you mean 'namespace'?");
  }

  @Test
  void anUnknownFieldFarFromAnyNameListsTheKnownOnes() throws IOException {
    allThreeReport(hello("extra.yaml", y -> y.replace("  replicas: 1\n", "  replicas: 1\n  colour: blue\n")),
        "10:3: spec.colour: unknown field; known fields: autoscaling, config, disruption, drainTimeoutSeconds, endpoints,"
            + " env, observability, pod, replicas, resources, runtimeImage, servers");
  }

  @Test
  void aValueOfTheWrongTypeIsOneProblem() throws IOException {
    allThreeReport(hello("type.yaml", y -> y.replace("port: 9090", "port: abc")),
        "15:9: spec.servers[0].grpc.port: expected an integer, got 'abc'");
  }

  @Test
  void yamlSyntaxErrorsNameTheLineAndColumnAsEditorsCountThem() throws IOException {
    allThreeReport(hello("tab.yaml", y -> y.replace("  replicas: 1", "\treplicas: 1")),
        "9:1: not valid YAML: while scanning for the next token; found character '\\t(TAB)' that cannot start any token."
            + " (Do not use \\t(TAB) for indentation)");
    allThreeReport(hello("indent.yaml", y -> y.replaceFirst("      namespaces:", "     namespaces:")),
        "16:6: not valid YAML: while parsing a block collection (from line 13, column 5); expected <block end>, but found"
            + " '<block mapping start>'");
    allThreeReport(hello("quote.yaml", y -> y.replace("greeting: Hello", "greeting: \"Hello")),
        "32:15: not valid YAML: while scanning a quoted scalar; not closed before the end of the file");
  }

  @Test
  void anUnknownEndpointIsTheSameProblemForValidateAndRun() throws IOException {
    Path helo = hello("helo.yaml", y -> y.replaceFirst("endpoint: hello", "endpoint: helo"));
    String problem = helo + ":20:15: spec.servers[0].namespaces[0].services[0].endpoint: no endpoint named 'helo'; available: goodbye, hello";
    CliRun validate = CliRun.of("validate", "-f", helo.toString(), "--endpoints", JARS.toString());
    assertThat(validate.code()).isEqualTo(1);
    assertThat(validate.err().lines()).containsExactly(problem, "1 problem in " + helo);
    assertThat(refusal("run", helo)).containsExactly(problem, "1 problem in " + helo);
    CliRun unchecked = CliRun.of("validate", "-f", helo.toString());
    assertThat(unchecked.code()).isZero();
    assertThat(unchecked.out()).isEqualTo(helo + ": valid (endpoint names not checked: pass --endpoints <dir> to check them)\n");
    assertThat(CliRun.of("render", "-f", helo.toString()).code()).as("render does not know the endpoints").isZero();
  }

  @Test
  void validateSaysWhetherEndpointNamesWereChecked() {
    CliRun unchecked = CliRun.of("validate", "-f", HELLO.toString());
    assertThat(unchecked.code()).isZero();
    assertThat(unchecked.out()).isEqualTo(HELLO + ": valid (endpoint names not checked: pass --endpoints <dir> to check them)\n");
    assertThat(unchecked.err()).isEmpty();
    CliRun checked = CliRun.of("validate", "-f", HELLO.toString(), "--endpoints", JARS.toString());
    assertThat(checked.code()).isZero();
    assertThat(checked.out()).isEqualTo(HELLO + ": valid\n");
  }

  @Test
  void problemsAreInTheOrderOfTheFileEachOnce() throws IOException {
    allThreeReport(hello("two.yaml", y -> y.replace("port: 9090", "port: 0").replace("  replicas: 1", "  replicas: -1")),
        "9:3: spec.replicas: must be between 0 and 1000, got -1",
        "15:9: spec.servers[0].grpc.port: must be between 1 and 65535, got 0");
  }
}
