package dev.microservice.model;

import java.util.List;
import java.util.Random;

/** Makes a hostile manifest from a valid one: secrets where they must not be, duplicates, huge, deep, broken and odd text. */
final class ManifestMutator {
  private static final String HELLO = """
      apiVersion: microservice.dev/v1alpha1
      kind: MicroService
      metadata: {name: greeter}
      spec:
        replicas: 1
        endpoints: {image: example.com/hello-endpoint:1.0}
        servers:
          - name: rpc
            grpc: {port: 9090, maxInboundMessageBytes: 4194304, reflection: true}
            namespaces:
              - name: greeter
                services:
                  - {name: hello, endpoint: hello}
        config:
          greeting: Hello
        drainTimeoutSeconds: 30
      """;
  private static final List<String> BASES = List.of(HELLO, PlantedSecrets.KAFKA, PlantedSecrets.GRPC);
  private static final String ODD = ":{}[]&*!|>'\"%@`#,-?\t\n\r\\ \u0000\u0007\u0085\u00a0\u2028\ud800\udfff\ufeff\uffff\u00e9\u4e2d";

  private final Random random;

  ManifestMutator(Random random) {
    this.random = random;
  }

  String next() {
    String yaml = base();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      yaml = mutate(yaml);
    }
    return random.nextInt(4) == 0 ? yaml : PlantedSecrets.plant(yaml, random);
  }

  private String base() {
    String yaml = BASES.get(random.nextInt(BASES.size()));
    return yaml.replace("{dir}", "/run/secrets").replace("{port}", String.valueOf(1 + random.nextInt(65535)));
  }

  private String mutate(String yaml) {
    return switch (random.nextInt(11)) {
      case 0 -> duplicateLine(yaml);
      case 1 -> yaml.replace("  config:\n", "  config:\n    big: " + huge() + "\n");
      case 2 -> yaml.replace("spec:\n", "spec:\n  config: " + deep() + "\n");
      case 3 -> splice(yaml, odd(1 + random.nextInt(20)));
      case 4 -> yaml.substring(0, random.nextInt(yaml.length() + 1));
      case 5 -> swapValue(yaml);
      case 6 -> yaml + "a: &a [" + "lol, ".repeat(9) + "lol]\nb: &b [" + "*a, ".repeat(9) + "*a]\nc: [*b, *b, *b, *b]\n";
      case 7 -> yaml.replace("metadata: {name: ", "metadata: {name: " + "k".repeat(random.nextInt(200_000)));
      case 8 -> yaml.replace("spec:\n", "spec:\n  config: {" + manyKeys() + "}\n");
      case 9 -> yaml.replace("  ", random.nextBoolean() ? "\t" : " ");
      default -> yaml.replace("spec:\n", "spec:\n  " + "x".repeat(random.nextInt(100_000)) + ": 1\n");
    };
  }

  private String duplicateLine(String yaml) {
    String[] lines = yaml.split("\n");
    int i = random.nextInt(lines.length);
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < lines.length; j++) {
      sb.append(lines[j]).append('\n');
      if (j == i && lines[j].contains(":")) {
        sb.append(lines[j]).append('\n');
      }
    }
    return sb.toString();
  }

  private String huge() {
    int size = random.nextInt(4) == 0 ? 900_000 + random.nextInt(400_000) : random.nextInt(100_000);
    char c = "xé中\"'".charAt(random.nextInt(5));
    String body = String.valueOf(c).repeat(size);
    return c == '"' || c == '\'' ? "\"" + "a".repeat(size) + "\"" : body;
  }

  private String deep() {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 80 : 5000);
    return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
  }

  private String odd(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(ODD.charAt(random.nextInt(ODD.length())));
    }
    return sb.toString();
  }

  private String splice(String yaml, String text) {
    int at = random.nextInt(yaml.length() + 1);
    int cut = Math.min(yaml.length(), at + random.nextInt(4));
    return yaml.substring(0, at) + text + yaml.substring(cut);
  }

  private String swapValue(String yaml) {
    String[] values = {"[1, 2]", "{a: b}", "9".repeat(1 + random.nextInt(200)), "-1", "true", "null", "~", "1.5e300", "''", "!!binary aGk="};
    int colon = yaml.indexOf(": ", random.nextInt(Math.max(1, yaml.length())));
    if (colon < 0) {
      return yaml;
    }
    int end = yaml.indexOf('\n', colon);
    return yaml.substring(0, colon + 2) + values[random.nextInt(values.length)] + (end < 0 ? "" : yaml.substring(end));
  }

  private String manyKeys() {
    int n = random.nextInt(20_000);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append('k').append(random.nextInt(n + 1)).append(": v");
    }
    return sb.toString();
  }
}
