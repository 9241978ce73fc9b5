package dev.microservice.model;

import java.util.Locale;
import java.util.Map;

/**
 * The rules for {@code spec.servers[].kafka.properties}, shared by the validator (so the CLI, the
 * runtime and the operator refuse the same): no secrets, and nothing the runtime manages itself.
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
      Map.entry("key.deserializer", "endpoints receive raw bytes"),
      Map.entry("value.deserializer", "endpoints receive raw bytes"),
      Map.entry("key.serializer", "replies are raw bytes"),
      Map.entry("value.serializer", "replies are raw bytes"),
      Map.entry("acks", "replies and dead letters need acks=all"),
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
}
