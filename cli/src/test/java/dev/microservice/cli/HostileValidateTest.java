package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** msvc validate and render on hostile manifests ("Hostile input", defects 2, 3, 5 and 7); each failed before the fix. */
class HostileValidateTest {
  static final Path CORPUS = RenderTest.ROOT.resolve("model/src/test/resources/planted-secrets.yaml");
  static final String CORE = "S3cr3t";
  static final String HEAD = "apiVersion: microservice.dev/v1alpha1\nkind: MicroService\nmetadata: {name: greeter}\nspec:\n"
      + "  endpoints: {image: example.com/hello:1}\n  servers:\n";
  static final String NS = "      namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]\n";

  @TempDir Path tmp;

  CliRun validate(String name, String yaml) throws IOException {
    return CliRun.of("validate", "-f", Files.writeString(tmp.resolve(name), yaml).toString());
  }

  @Test
  void noOutputRepeatsAPlantedSecret() throws IOException {
    int cases = 0;
    for (String doc : Files.readString(CORPUS).split("(?m)^---\n")) {
      Matcher m = Pattern.compile("^# case: (\\S+) (\\S+)\n").matcher(doc);
      if (!m.find()) {
        continue;
      }
      String yaml = doc.substring(m.end()).replace("{dir}", "/run/secrets").replace("{port}", "9090");
      CliRun run = validate("planted.yaml", yaml);
      assertThat(run.code()).as(m.group(1)).isEqualTo(m.group(2).equals("REFUSED") ? 1 : 0);
      assertThat(run.out() + run.err()).as(m.group(1)).doesNotContain(CORE).doesNotContain("Xq7");
      CliRun render = CliRun.of("render", "-f", tmp.resolve("planted.yaml").toString());
      assertThat(render.err()).as(m.group(1)).doesNotContain(CORE).doesNotContain("Xq7");
      cases++;
    }
    assertThat(cases).isGreaterThan(250);
  }

  @Test
  void duplicateKeysAreProblems() throws IOException {
    CliRun run = validate("dup.yaml", HEAD + "    - name: rpc\n      grpc: {port: 9090}\n      grpc: {port: 9091}\n" + NS);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("dup.yaml:9:7: spec.servers[0].grpc: appears more than once in the same mapping; keep one (duplicate keys are not allowed)");
    CliRun render = CliRun.of("render", "-f", tmp.resolve("dup.yaml").toString());
    assertThat(render.code()).isEqualTo(1);
    assertThat(render.err()).isEqualTo(run.err());
  }

  @Test
  void secretAndManagedKafkaPropertiesAreProblemsAsAtTheRuntime() throws IOException {
    CliRun run = validate("props.yaml", HEAD + "    - name: events\n      kafka:\n        bootstrapServers: 'k:9092'\n"
        + "        properties: {sasl.jaas.config: 'x required password=\"hunter2\";', ssl.key.password: hunter2, group.id: g}\n" + NS);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains(
        "spec.servers[0].kafka.properties.sasl.jaas.config: secret values must not be in the manifest",
        "spec.servers[0].kafka.properties.ssl.key.password: secret values must not be in the manifest",
        "spec.servers[0].kafka.properties.group.id: managed by the runtime (set spec.servers[].kafka.groupId); remove it")
        .doesNotContain("hunter2");
  }

  @Test
  void aTooLargeManifestIsRefusedBeforeItIsRead() throws IOException {
    String head = HEAD + "    - name: rpc\n      grpc: {port: 9090}\n" + NS + "  config: {a: ";
    Path big = Files.writeString(tmp.resolve("big.yaml"), head + "x".repeat(10 * 1024 * 1024 - head.length() - 2) + "}\n");
    for (String command : new String[] {"validate", "render", "run"}) {
      CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> CliRun.of(command, "-f", big.toString()));
      assertThat(run.code()).as(command).isEqualTo(1);
      assertThat(run.out() + run.err()).as(command).contains("(document): the manifest is larger than 1 MiB (1048576 bytes): it has 10485760 bytes");
    }
  }

  @Test
  void bytesThatAreNotUtf8AreAProblemWithTheirPosition() throws IOException {
    Path latin1 = Files.write(tmp.resolve("latin1.yaml"), (HEAD + "    - name: rpc\n      grpc: {port: 9090}\n" + NS
        + "  config: {greeting: 'Gr\u00fc\u00dfe'}\n").getBytes(StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.of("validate", "-f", latin1.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo(latin1 + ":10:25: not UTF-8 (byte 0xfc); save the manifest as UTF-8\n1 problem in " + latin1 + "\n");
  }
}
