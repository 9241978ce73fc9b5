package dev.microservice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Manifests with a distinctive secret written where it must not be, in every bad way we could
 * think of: in each secret field and each secret-bearing Kafka property. Written to
 * {@code src/test/resources/planted-secrets.yaml} (PlantedSecretsTest keeps it up to date), which the
 * CLI's, the runtime's and the operator's leak tests read too. Placeholders: {@code {dir}} (a
 * directory of readable secret files) and {@code {port}} (a free gRPC port).
 */
final class PlantedSecrets {
  /** The planted secret. */
  static final String SECRET = "Xq7-S3cr3t~";
  /** What leak checks look for: any output holding this holds (part of) the secret. */
  static final String CORE = "S3cr3t";

  /** What the parser does with a case. */
  enum Kind { REFUSED, ACCEPTED }

  /**
   * @param name field and way, e.g. {@code sasl.password/plain}
   * @param kind whether the manifest is invalid, or valid with the secret where a reference goes (or ignored)
   * @param yaml the manifest
   */
  record Case(String name, Kind kind, String yaml) {}

  private static final String HEADER = """
      apiVersion: microservice.dev/v1alpha1
      kind: MicroService
      metadata: {name: planted}
      spec:
        endpoints: {image: example.com/hello:1}
        servers:
      """;
  private static final String NAMESPACES = "      namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]\n";
  static final String KAFKA = HEADER + """
          - name: events
            kafka:
              bootstrapServers: "localhost:9"
              security:
                protocol: SASL_SSL
                sasl:
                  mechanism: PLAIN
                  username: greeter
                  password: {file: "{dir}/password"}
                tls:
                  truststore: {file: "{dir}/truststore.p12"}
                  truststoreType: PKCS12
                  truststorePassword: {file: "{dir}/truststore-password"}
                  keystore: {file: "{dir}/keystore.p12"}
                  keystoreType: PKCS12
                  keystorePassword: {file: "{dir}/keystore-password"}
                  keyPassword: {file: "{dir}/key-password"}
              properties:
                max.poll.records: "200"
      """ + NAMESPACES;
  static final String GRPC = HEADER + """
          - name: rpc
            grpc:
              port: {port}
              tls:
                certificate: {file: "{dir}/tls.crt"}
                privateKey: {file: "{dir}/tls.key"}
      """ + NAMESPACES;

  private static final Map<String, String> FIELDS = Map.of(
      "password", KAFKA, "truststore", KAFKA, "truststorePassword", KAFKA, "keystore", KAFKA,
      "keystorePassword", KAFKA, "keyPassword", KAFKA, "certificate", GRPC, "privateKey", GRPC);
  static final List<String> PROPERTIES = List.of("sasl.jaas.config", "ssl.key.password", "ssl.keystore.password",
      "ssl.truststore.password", "ssl.keystore.key", "sasl.oauthbearer.client.credentials.client.secret");

  /** How a secret field can be written wrongly: {i} the indent, {f} the field, {s} the secret. */
  private static final List<String[]> WAYS = List.of(
      way("plain", "{i}{f}: {s}"),
      way("single-quoted", "{i}{f}: '{s}'"),
      way("double-quoted", "{i}{f}: \"{s}\""),
      way("literal-block", "{i}{f}: |\n{i}  {s}"),
      way("folded-block", "{i}{f}: >-\n{i}  {s}"),
      way("flow-list", "{i}{f}: [{s}]"),
      way("block-list", "{i}{f}:\n{i}  - {s}"),
      way("flow-key", "{i}{f}: {{s}}"),
      way("under-unknown-key", "{i}{f}: {value: {s}}"),
      way("as-key", "{i}{f}: {{s}: x}"),
      way("key-beside-file", "{i}{f}: {file: /run/secret, {s}: x}"),
      way("file-as-map", "{i}{f}: {file: {{s}: {s}}}"),
      way("env", "{i}{f}: {env: {s}}"),
      way("secret-name", "{i}{f}: {secretKeyRef: {name: {s}, key: password}}"),
      way("secret-key", "{i}{f}: {secretKeyRef: {name: kafka-user, key: {s}}}"),
      way("alias", "{i}{f}: *{s}"),
      way("undefined-tag-handle", "{i}{f}: !{s}!x {file: /run/secret}"),
      way("duplicate-field", "{i}{f}: {s}\n{i}{f}: {file: /run/secret}"),
      way("duplicate-inner", "{i}{f}: {env: A, env: {s}}"),
      way("duplicate-secret-keys", "{i}{f}: {{s}: 1, {s}: 2}"),
      way("unterminated-quote", "{i}{f}: \"{s}"),
      way("mapping-in-plain", "{i}{f}: {s}: x"),
      way("bad-escape", "{i}{f}: \"{s}\\q\""),
      way("json", "{i}{f}: {\"file\": \"/run/secret\", \"{s}\": 1}"),
      way("tab-indented", "{i}{f}:\n{i}\t{s}"),
      way("nul-escape", "{i}{f}: \"{s}\\0\""),
      way("as-number", "{i}{f}: 12{s}"),
      accepted("file", "{i}{f}: {file: {s}}"),
      accepted("comment", "{i}{f}: {file: /run/secret}  # {s}"),
      accepted("anchor", "{i}{f}: &{s} {file: /run/secret}"),
      accepted("local-tag", "{i}{f}: !{s} {file: /run/secret}"));

  private static final List<String[]> PROPERTY_WAYS = List.of(
      way("plain", "{i}{f}: {s}"),
      way("jaas", "{i}{f}: \"org.apache.kafka.common.security.plain.PlainLoginModule required username=\\\"u\\\" password=\\\"{s}\\\";\""),
      way("list", "{i}{f}: [{s}]"),
      way("map", "{i}{f}: {{s}: x}"),
      way("duplicate", "{i}{f}: a\n{i}{f}: {s}"));

  private PlantedSecrets() {}

  private static String[] way(String name, String template) {
    return new String[] {name, template, Kind.REFUSED.name()};
  }

  private static String[] accepted(String name, String template) {
    return new String[] {name, template, Kind.ACCEPTED.name()};
  }

  /** @return every case, secret fields first, then the Kafka properties */
  static List<Case> generate() {
    List<Case> cases = new ArrayList<>();
    FIELDS.keySet().stream().sorted().forEach(field -> {
      for (String[] way : WAYS) {
        cases.add(new Case(field + "/" + way[0], Kind.valueOf(way[2]), replace(FIELDS.get(field), field, (i, f) -> fill(way[1], i, f))));
      }
    });
    for (String property : PROPERTIES) {
      for (String[] way : PROPERTY_WAYS) {
        cases.add(new Case("properties." + property + "/" + way[0], Kind.REFUSED,
            replace(KAFKA, "max.poll.records", (i, f) -> i + f + ": \"200\"\n" + fill(way[1], i, property))));
      }
    }
    return cases;
  }

  /**
   * Plants the secret in one secret field of a manifest, in a random bad way (for the fuzz tests,
   * after their other changes, so that the secret sits in a field named as a secret field).
   *
   * @return the manifest with the secret planted, or unchanged when it has no secret field left
   */
  static String plant(String yaml, java.util.Random random) {
    List<String> present = FIELDS.keySet().stream().sorted()
        .filter(f -> Pattern.compile("(?m)^( +)" + Pattern.quote(f) + ": .*$").matcher(yaml).find()).toList();
    if (present.isEmpty()) {
      return yaml;
    }
    String[] way = WAYS.get(random.nextInt(WAYS.size()));
    return replace(yaml, present.get(random.nextInt(present.size())), (i, f) -> fill(way[1], i, f));
  }

  /** @return the corpus as the committed file holds it: each case after a {@code # case:} line, separated by {@code ---} */
  static String render(List<Case> cases) {
    StringBuilder sb = new StringBuilder("# Generated by PlantedSecretsTest (-Dplanted.update=true rewrites it); read by the leak tests.\n");
    for (Case c : cases) {
      sb.append("---\n# case: ").append(c.name()).append(' ').append(c.kind()).append('\n').append(c.yaml());
    }
    return sb.toString();
  }

  /** @return the cases of a corpus file's text */
  static List<Case> parse(String corpus) {
    List<Case> cases = new ArrayList<>();
    for (String doc : corpus.split("(?m)^---\n")) {
      Matcher m = Pattern.compile("^# case: (\\S+) (\\S+)\n").matcher(doc);
      if (m.find()) {
        cases.add(new Case(m.group(1), Kind.valueOf(m.group(2)), doc.substring(m.end())));
      }
    }
    return cases;
  }

  private static String fill(String template, String indent, String field) {
    return template.replace("{i}", indent).replace("{f}", field).replace("{s}", SECRET);
  }

  private static String replace(String base, String field, BiFunction<String, String, String> line) {
    Matcher m = Pattern.compile("(?m)^( +)" + Pattern.quote(field) + ": .*$").matcher(base);
    if (!m.find()) {
      throw new IllegalArgumentException("no field " + field);
    }
    return base.substring(0, m.start()) + line.apply(m.group(1), field) + base.substring(m.end());
  }
}
