package dev.microservice.operator.desired;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A hash of the rendered runtime config; on the pod template it rolls the pods when the config changes. */
public final class ConfigHash {
  /** The pod-template annotation carrying the hash. */
  public static final String ANNOTATION = "microservice.dev/config-hash";

  private ConfigHash() {}

  /** @return the first 16 hex digits of the SHA-256 of the ConfigMap's data, keys in order */
  public static String of(ConfigMap configMap) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Map<String, String> data = configMap.getData() == null ? Map.of() : new TreeMap<>(configMap.getData());
      data.forEach((k, v) -> {
        sha.update(k.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(v.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
