package dev.microservice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules for {@code spec.servers[].kafka.properties}, shared by the validator and the runtime (so the
 * CLI, the runtime and the operator refuse the same): no secrets, nothing the runtime manages itself,
 * only properties a Kafka client knows, each value of its property's type.
 */
public final class KafkaProperties {
  private static final String SECRETS_INSTEAD =
      "secret values must not be in the manifest; use spec.servers[].kafka.security, where each secret is"
          + " {file: <path>}, {env: <VARIABLE>} or {secretKeyRef: {name: <Secret>, key: <key>}}";

  private static final Map<String, String> MANAGED = Map.ofEntries(
      Map.entry("bootstrap.servers", "set spec.servers[].kafka.bootstrapServers"),
      Map.entry("group.id", "set spec.servers[].kafka.groupId"),
      Map.entry("group.instance.id", "it comes from the POD_NAME environment variable"),
      Map.entry("group.protocol", "set spec.servers[].kafka.groupProtocol"),
      Map.entry("enable.auto.commit", "offsets are committed only after records are handled"),
      Map.entry("share.acknowledgement.mode", "share consumption acknowledges each record explicitly"),
      Map.entry("key.deserializer", "endpoints receive raw bytes"),
      Map.entry("value.deserializer", "endpoints receive raw bytes"),
      Map.entry("key.serializer", "replies are raw bytes"),
      Map.entry("value.serializer", "replies are raw bytes"),
      Map.entry("acks", "replies and dead letters need acks=all"),
      Map.entry("transactional.id", "set spec.servers[].kafka.delivery: exactlyOnce; the id comes from the pod name"),
      Map.entry("enable.idempotence", "replies and dead letters need idempotence"),
      Map.entry("security.protocol", "set spec.servers[].kafka.security.protocol"),
      Map.entry("sasl.mechanism", "set spec.servers[].kafka.security.sasl.mechanism"));

  private KafkaProperties() {}

  /**
   * @param key a property name
   * @return whether its value is a secret (a password, a JAAS configuration, a private key, a client secret)
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("secret") || k.contains("jaas")
        || k.equals("ssl.keystore.key") || k.startsWith("sasl.oauthbearer.client.credentials");
  }

  /**
   * @param key a property name
   * @return why the manifest may not set it, or null when it may; never repeats the value
   */
  public static String refusal(String key) {
    if (isSecret(key)) {
      return SECRETS_INSTEAD;
    }
    String managed = MANAGED.get(key);
    return managed == null ? null : "managed by the runtime (" + managed + "); remove it";
  }

  /**
   * Checks the properties of one Kafka server.
   *
   * @param path the properties' path, e.g. {@code spec.servers[1].kafka.properties}
   * @param properties the properties; may be null
   * @return one problem per bad property, at {@code path.<key>}; never repeats a secret's value
   */
  public static List<Problem> problems(String path, Map<String, String> properties) {
    List<Problem> problems = new ArrayList<>();
    if (properties != null) {
      properties.forEach((k, v) -> {
        String why = why(k, v);
        if (why != null) {
          problems.add(new Problem(path + "." + k, why));
        }
      });
    }
    return problems;
  }

  private static String why(String key, String value) {
    String refusal = refusal(key);
    if (refusal != null) {
      return refusal;
    }
    String type = KafkaClientProperties.typeOf(key);
    if (type == null) {
      return "not a Kafka consumer, producer or admin client property" + suggestion(key);
    }
    if (value == null) {
      return "must be a string, got null";
    }
    String expected = KafkaPropertyValues.expected(type, value);
    return expected == null ? null : "must be " + expected + ", got " + Echo.quoted(value);
  }

  private static String suggestion(String key) {
    List<String> close = KafkaClientProperties.types().keySet().stream()
        .filter(k -> k.endsWith(key) || key.endsWith(k) || k.replace(".", "").equals(key.replace(".", "").replace("-", "")))
        .sorted().limit(3).toList();
    return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?";
  }
}
