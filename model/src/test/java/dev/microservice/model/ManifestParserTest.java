package dev.microservice.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
  private static final String HEADER =
      "apiVersion: microservice.dev/v1alpha1\nkind: MicroService\nmetadata: {name: greeter}\n";

  static List<String> problems(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(yaml, "test.yaml"));
    assertThat(e).as("expected the manifest to be rejected").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void parsesTheHelloExample() {
    Manifest m = ManifestParser.parse(Path.of("../examples/hello/microservice.yaml"));
    assertThat(m.getMetadata().getName()).isEqualTo("greeter");
    ServerSpec rpc = m.getSpec().getServers().get(0);
    assertThat(rpc.getName()).isEqualTo("rpc");
    assertThat(rpc.type()).isEqualTo("grpc");
    assertThat(rpc.getGrpc().getPort()).isEqualTo(9090);
    assertThat(rpc.getGrpc().getMaxInboundMessageBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(rpc.getNamespaces().get(0).getName()).isEqualTo("greeter");
    assertThat(rpc.getNamespaces().get(0).getServices().get(0).getEndpoint()).isEqualTo("hello");
    assertThat(m.getSpec().getDrainTimeoutSeconds()).isEqualTo(30);
    assertThat(m.getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void writesWhatItReads() {
    Manifest m = ManifestParser.parse(Path.of("../examples/hello/microservice.yaml"));
    String yaml = ManifestParser.toYaml(m);
    Manifest again = ManifestParser.parse(yaml, "rendered");
    assertThat(ManifestParser.toYaml(again)).isEqualTo(yaml);
    assertThat(yaml).contains("port: 9090").contains("endpoint: hello");
  }

  @Test
  void reportsUnknownFieldsWithTheKnownOnes() {
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: rpc
              grcp: {port: 9090}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]
        """))
        .as("one typo, one problem: 'neither is set' follows from it")
        .containsExactly("spec.servers[0].grcp: unknown field; did you mean 'grpc'?");
    assertThat(problems(HEADER + """
        spec:
          servers:
            - name: rpc
              grpc: {port: 9090}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]
              extras: 1
        """))
        .containsExactly("spec.servers[0].extras: unknown field; known fields: grpc, kafka, name, namespaces");
  }

  @Test
  void reportsValuesOfTheWrongType() {
    assertThat(problems(HEADER + """
        spec:
          replicas: many
          servers:
            - name: rpc
              grpc: {port: [1]}
              namespaces: greeter
        """))
        .contains(
            "spec.replicas: expected an integer, got 'many'",
            "spec.servers[0].grpc.port: expected an integer, got a list",
            "spec.servers[0].namespaces: expected a list, got a string");
  }

  @Test
  void reportsYamlSyntaxErrorsWithTheirLocation() {
    assertThat(problems(HEADER + "spec: {servers: [\n")).singleElement().asString().startsWith("line ");
    assertThat(located(HEADER + "spec:\n  replicas: 1\n\tservers: []\n")).as("a tab, counted from 1 as editors do")
        .containsExactly("6:1: line 6, column 1: not valid YAML: while scanning for the next token; found character '\\t(TAB)'"
            + " that cannot start any token. (Do not use \\t(TAB) for indentation)");
    assertThat(located(HEADER + "spec:\n  servers:\n    - name: rpc\n      grpc: {port: 9090}\n     namespaces: []\n"))
        .as("bad indentation").singleElement().asString().startsWith("8:6: line 8, column 6: not valid YAML");
    assertThat(located(HEADER + "spec:\n  config:\n    greeting: \"Hello\n  replicas: 1\n"))
        .as("an unclosed quote: where it opens, not the end of the file").containsExactly("6:15: line 6, column 15: not valid YAML:"
            + " while scanning a quoted scalar; not closed before the end of the file");
  }

  @Test
  void everyProblemHasTheLineAndColumnOfItsField() {
    assertThat(located(HEADER + """
        spec:
          replicas: many
          servers:
            - name: rpc
              grpc:
                port: 9090
              namespaces:
                - name: greeter
                  sevices: [{name: hello, endpoint: hello}]
        """)).containsExactly(
            "5:3: spec.replicas: expected an integer, got 'many'",
            "12:11: spec.servers[0].namespaces[0].sevices: unknown field; did you mean 'services'?");
    assertThat(located(HEADER + "spec:\n  servers:\n    - name: rpc\n      grpc: {port: 0}\n"))
        .as("a missing field: at the object that lacks it").containsExactly(
            "7:14: spec.servers[0].grpc.port: must be between 1 and 65535, got 0",
            "6:7: spec.servers[0].namespaces: must list at least one namespace");
  }

  @Test
  void aTypoInMetadataIsAProblemWithAHint() {
    assertThat(located("apiVersion: microservice.dev/v1alpha1\nkind: MicroService\nmetadata:\n  name: greeter\n  namepsace: shop\n"
        + "  labels: {a: b}\nspec:\n  servers:\n    - {name: rpc, grpc: {port: 9090}, namespaces: [{name: g, services: [{name: s, endpoint: e}]}]}\n"))
        .containsExactly("5:3: metadata.namepsace: unknown field; did you mean 'namespace'?");
  }

  /** The problems as line:column: problem. */
  static List<String> located(String yaml) {
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(yaml, "test.yaml"));
    assertThat(e).as("expected the manifest to be rejected").isNotNull();
    return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p).toList();
  }

  @Test
  void theRuntimeViewSkipsKubernetesOnlyFields(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path file = java.nio.file.Files.writeString(tmp.resolve("m.yaml"), HEADER + """
        spec:
          endpoints: {image: example.com/hello:1}
          env: [{name: A, value: b}]
          pod: {nodeSelector: {disk: ssd}}
          servers:
            - {name: rpc, grpc: {port: 9090}, namespaces: [{name: g, services: [{name: s, endpoint: e}]}]}
        """);
    Manifest runtime = ManifestParser.parseForRuntime(file);
    assertThat(runtime.getSpec().getPod()).isNull();
    assertThat(runtime.getSpec().getEndpoints()).isNull();
    assertThat(runtime.getSpec().getServers().get(0).getGrpc().getPort()).isEqualTo(9090);
    assertThat(ManifestParser.parse(file).getSpec().getPod().getNodeSelector()).containsEntry("disk", "ssd");
  }

  @Test
  void aMissingFileIsNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManifestParser.parse(Path.of("no/such.yaml")))
        .hasMessage("cannot read manifest no/such.yaml: no such file");
  }

  @Test
  void rejectsAnEmptyManifest() {
    assertThat(problems("  \n")).containsExactly("(document): the manifest is empty");
  }
}
