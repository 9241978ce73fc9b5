package dev.microservice.model;

import static dev.microservice.model.ManifestParserTest.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest defects of "Hostile input": each test failed before the fix. */
class HostileManifestTest {
  /** What a problem's path looks like: a field path, a position, or the whole document; one line. */
  static final String PATH = "\\(document\\)|line [1-9]\\d*, column [1-9]\\d*|[^\\s\\[.][^\\n]{0,258}";
  /** @return where a problem is: its path, or for one without a path (a syntax error), its position */
  static String where(Problem p) {
    return p.hasPath() ? p.path() : "line " + p.line() + ", column " + p.column();
  }

  /** Text that only Java or Jackson would write: never in a problem. */
  static final List<String> INTERNALS = List.of("com.fasterxml", "dev.microservice", "StreamReadConstraints",
      "Cannot construct", "Exception", "java.", "Creator", "reference chain");
  private static final String HEADER = "apiVersion: microservice.dev/v1alpha1\nkind: MicroService\nmetadata: {name: greeter}\n";
  private static final String NS = "      namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]\n";
  private static final String SASL = HEADER + "spec:\n  servers:\n    - name: events\n      kafka:\n"
      + "        bootstrapServers: 'k:9092'\n        security:\n          protocol: SASL_PLAINTEXT\n"
      + "          sasl:\n            username: u\n";

  @TempDir Path tmp;

  @Test
  void duplicateKeysAreErrorsNamingThePath() {
    assertThat(problems(HEADER + "spec:\n  servers:\n    - name: rpc\n      grpc: {port: 9090}\n      grpc: {port: 9091}\n" + NS))
        .containsExactly("spec.servers[0].grpc: appears more than once in the same mapping; keep one (duplicate keys are not allowed)");
    assertThat(problems(HEADER + "spec:\n  config: {a: '1', a: '2'}\n  servers:\n    - name: rpc\n      grpc: {port: 9090}\n" + NS))
        .containsExactly("spec.config.a: appears more than once in the same mapping; keep one (duplicate keys are not allowed)");
    assertThat(problems(SASL + "            password: {hunter2: 1, hunter2: 2}\n" + NS))
        .contains("spec.servers[0].kafka.security.sasl.password: a key appears more than once (not named here: it may hold a secret); keep one")
        .noneMatch(p -> p.contains("hunter2"));
    String typo = SASL.replace("          sasl:\n", "          s-l:\n") + "            password: {hunter2: 1, hunter2: 2}\n" + NS;
    assertThat(problems(typo)).as("nothing inside an unknown field is read, nor named")
        .contains("spec.servers[0].kafka.security.s-l: unknown field; known fields: protocol, sasl, tls")
        .noneMatch(p -> p.contains("hunter2"));
  }

  @Test
  void aSecretWrittenInTheManifestIsRefusedWithoutRepeatingIt() {
    for (String way : List.of("hunter2", "'hunter2'", "|\n              hunter2", "*hunter2", "hunter2: x", "12345hunter2")) {
      List<String> problems = problems(SASL + "            password: " + way + "\n" + NS);
      assertThat(problems).as(way).anyMatch(p -> p.startsWith("spec.servers[0].kafka.security.sasl.password: expected"
          + " {file: <path>}, {env: <VARIABLE>} or {secretKeyRef: {name: <Secret>, key: <key>}}, got a string"));
      assertThat(String.join("\n", problems)).as(way).doesNotContain("hunter2");
    }
    assertThat(problems(SASL + "            password: {hunter2}\n" + NS)).containsExactly(
        "spec.servers[0].kafka.security.sasl.password: unknown field (not named here: it may hold a secret); known fields: env, file, secretKeyRef");
    assertThat(problems(SASL + "            password: {env: hunter-2}\n" + NS)).singleElement().asString()
        .startsWith("spec.servers[0].kafka.security.sasl.password.env: must name an environment variable").doesNotContain("hunter");
    assertThat(problems(SASL + "            password: \"hunter2\n" + NS)).singleElement().asString()
        .startsWith("line ").doesNotContain("hunter2");
  }

  @Test
  void jacksonsWordsNeverReachAProblem() {
    List<String> all = new ArrayList<>();
    all.addAll(problems(HEADER + "spec: " + "[".repeat(2000) + "]".repeat(2000) + "\n"));
    all.addAll(problems(HEADER + "spec: {replicas: " + "9".repeat(2000) + "}\n"));
    all.addAll(problems(HEADER + "spec: {replicas: 1.5, drainTimeoutSeconds: {a: 1}, servers: [{name: rpc, grpc: 7, " + NS.strip() + "}]}\n"));
    all.addAll(problems("metadata: 5\nkind: [a]\napiVersion: {x: y}\nspec: 'text'\n"));
    all.addAll(problems(HEADER + "spec:\n  servers:\n    - name: rpc\n      grpc: {port: 9090}\n      kafka: {groupProtocol: 12, retry: x}\n" + NS));
    assertThat(all).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(INTERNALS));
    assertThat(all).contains("spec: nested more than 64 levels deep; a MicroService manifest needs far fewer",
        "spec.replicas: a number longer than 64 digits");
  }

  @Test
  void billionLaughsPathsNameTheKey() {
    String laughs = HEADER + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nspec:\n  servers:\n    - name: rpc\n      grpc: {port: 9090}\n" + NS;
    assertThat(problems(laughs)).containsExactly(
        "a: unknown field; known fields: apiVersion, kind, metadata, spec",
        "b: unknown field; known fields: apiVersion, kind, metadata, spec",
        "c: unknown field; known fields: apiVersion, kind, metadata, spec");
  }

  @Test
  void aTooLargeManifestIsRefusedBeforeItIsRead() throws IOException {
    Path big = Files.writeString(tmp.resolve("big.yaml"), // 10 MB, one long value: 22-38 s and over 1 GB to refuse before
        HEADER + "spec: {config: {a: " + "x".repeat(10 * 1024 * 1024 - HEADER.length() - 22) + "}}\n");
    String expected = "(document): the manifest is larger than 1 MiB (1048576 bytes): it has 10485760 bytes";
    ManifestException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(big)));
    assertThat(e.problems()).singleElement().asString().startsWith(expected);
    String text = HEADER + "spec: {config: {a: " + "x".repeat(10 * 1024 * 1024) + "}}\n";
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(2), () -> problems(text))).singleElement().asString()
        .startsWith("(document): the manifest is larger than 1 MiB");
    Path endless = Path.of("/dev/zero"); // no size up front: reading stops past the limit
    if (Files.isReadable(endless)) {
      assertThat(assertTimeoutPreemptively(Duration.ofSeconds(2),
          () -> catchThrowableOfType(ManifestException.class, () -> ManifestText.read(endless)))).isNotNull();
    }
  }

  @Test
  void bytesThatAreNotUtf8AreNamedByPosition() throws IOException {
    byte[] bytes = (HEADER + "spec: {config: {a: 'caf\u00e9 x'}}\n").getBytes(StandardCharsets.ISO_8859_1);
    Path latin1 = Files.write(tmp.resolve("latin1.yaml"), bytes);
    ManifestException e = catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(latin1));
    assertThat(e.problems()).map(Problem::toString).containsExactly("line 4, column 24: not UTF-8 (byte 0xe9); save the manifest as UTF-8");
    assertThat(problems(HEADER + "spec: {config: {a: \u0000}}\n")).containsExactly(
        "line 4, column 20: the character U+0000 is not allowed in YAML; remove it or write it as an escape in a double-quoted string");
  }

  @Test
  void echoedValuesAreCutAndEscaped() {
    String name = "a\nb\u0007" + "x".repeat(100_000);
    List<String> problems = problems("apiVersion: microservice.dev/v1alpha1\nkind: MicroService\nmetadata: {name: \"" + name.replace("\n", "\\n").replace("\u0007", "\\a") + "\"}\n"
        + "spec:\n  config: {\"k\\ney\": null}\n  servers: []\n");
    assertThat(problems).anyMatch(p -> p.startsWith("metadata.name: 'a\\u000ab\\u0007xxx") && p.contains("... (100004 characters) is not a valid name"));
    assertThat(problems).contains("spec.config.k\\u000aey: must be a string, got null")
        .allSatisfy(p -> assertThat(p).doesNotContain("\n").hasSizeLessThan(400));
    assertThat(Echo.quoted("\uD83D\uDE00".repeat(40))).endsWith("... (80 characters)");
  }

  @Test
  void secretAndManagedKafkaPropertiesAreRefusedByTheValidator() {
    String kafka = HEADER + "spec:\n  servers:\n    - name: events\n      kafka:\n        bootstrapServers: 'k:9092'\n        properties:\n";
    assertThat(problems(kafka + "          sasl.jaas.config: 'x required password=\"hunter2\";'\n          ssl.key.password: hunter2\n"
        + "          enable.auto.commit: 'true'\n" + NS)).containsExactly(
        "spec.servers[0].kafka.properties.sasl.jaas.config: secret values must not be in the manifest; use spec.servers[].kafka.security,"
            + " where each secret is {file: <path>}, {env: <VARIABLE>} or {secretKeyRef: {name: <Secret>, key: <key>}}",
        "spec.servers[0].kafka.properties.ssl.key.password: secret values must not be in the manifest; use spec.servers[].kafka.security,"
            + " where each secret is {file: <path>}, {env: <VARIABLE>} or {secretKeyRef: {name: <Secret>, key: <key>}}",
        "spec.servers[0].kafka.properties.enable.auto.commit: managed by the runtime (offsets are committed only after records are handled); remove it");
  }

  @Test
  void everySecretFieldOfTheModelIsASecretPath() {
    List<String> paths = new ArrayList<>();
    secretFields(MicroServiceSpec.class, "spec", paths, 0);
    assertThat(paths).hasSize(8).allSatisfy(p -> assertThat(SecretPaths.isSecret(p)).as(p).isTrue());
    assertThat(SecretPaths.isSecret("spec.servers[0].kafka.security.sasl.username")).isFalse();
    assertThat(SecretPaths.isSecret("spec.servers[2].kafka.properties.ssl.truststore.password")).isTrue();
  }

  private static void secretFields(Class<?> type, String path, List<String> out, int depth) {
    if (depth > 6 || !type.getPackageName().equals("dev.microservice.model")) {
      return;
    }
    for (Field f : type.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      String p = path + "." + f.getName();
      Class<?> t = f.getType();
      if (List.class.isAssignableFrom(t)) {
        t = (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
        p += "[0]";
      }
      if (t == SecretValueSpec.class) {
        out.add(p);
      } else {
        secretFields(t, p, out, depth + 1);
      }
    }
  }
}
