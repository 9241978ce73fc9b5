package dev.microservice.operator.desired;

import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.SecretReference;
import dev.microservice.model.SecretReferences;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A hash of the data of the Secrets a MicroService references (Kafka SASL/TLS, gRPC TLS, image pull secrets); on the
 * pod template it rolls the pods when one of them changes, as {@link ConfigHash} does for the config. Only the hash
 * leaves this class: no Secret value is written or logged anywhere.
 */
public final class SecretsHash {
  /** The pod-template annotation carrying the hash. */
  public static final String ANNOTATION = "microservice.dev/secrets-hash";

  private SecretsHash() {}

  /** @return the names of the Secrets the spec references (secretKeyRefs and endpoints.imagePullSecrets), sorted */
  public static SortedSet<String> referencedNames(MicroServiceSpec spec) {
    SortedSet<String> names = new TreeSet<>();
    SecretReferences.of(spec).stream().filter(SecretReference::referencesSecret)
        .forEach(r -> names.add(r.secretKeyRef().getName()));
    if (spec.getEndpoints() != null && spec.getEndpoints().getImagePullSecrets() != null) {
      spec.getEndpoints().getImagePullSecrets().stream().map(LocalObjectReference::getName)
          .filter(n -> n != null && !n.isEmpty()).forEach(names::add);
    }
    return names;
  }

  /**
   * @param spec the spec whose Secrets are hashed
   * @param secrets looks a Secret of the MicroService's namespace up by name; null when absent
   * @return the first 16 hex digits of a SHA-256 over each referenced Secret in name order: its name, then its keys in
   *     order with their values (an absent Secret hashes as absent); null when the spec references no Secret
   */
  public static String of(MicroServiceSpec spec, Function<String, Secret> secrets) {
    SortedSet<String> names = referencedNames(spec);
    if (names.isEmpty()) {
      return null;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String name : names) {
        Secret secret = secrets.apply(name);
        field(sha, "secret", name);
        if (secret == null) {
          field(sha, "absent", "");
          continue;
        }
        entries(sha, "data", secret.getData());
        entries(sha, "stringData", secret.getStringData());
      }
      return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void entries(MessageDigest sha, String kind, Map<String, String> map) {
    if (map == null) {
      return;
    }
    new TreeMap<>(map).forEach((key, value) -> {
      field(sha, kind, key);
      field(sha, "value", value == null ? "" : value);
    });
  }

  /** Each field tagged and length-prefixed: no two different Secrets feed the same bytes. */
  private static void field(MessageDigest sha, String tag, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update(tag.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(bytes);
  }
}
