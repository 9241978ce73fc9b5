package dev.microservice.model;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a manifest holds secrets: the {@link SecretValueSpec} fields (a password, a store, a key)
 * and the secret-bearing Kafka properties. Error messages never repeat what is written at or
 * under these paths, beyond the names of known fields.
 */
final class SecretPaths {
  private static final Pattern SECRET_VALUE = Pattern.compile("spec\\.servers\\[\\d+]\\.("
      + Arrays.stream(SecretField.values()).map(f -> Pattern.quote(f.field())).collect(Collectors.joining("|")) + ")");
  private static final Pattern PROPERTY = Pattern.compile("spec\\.servers\\[\\d+]\\.kafka\\.properties\\.(.+)");

  private SecretPaths() {}

  /** @return whether a secret value, or a reference to one, sits at this path or under it */
  static boolean isSecret(String path) {
    for (String p = path; p != null; p = parent(p)) {
      if (SECRET_VALUE.matcher(p).matches()) {
        return true;
      }
      java.util.regex.Matcher property = PROPERTY.matcher(p);
      if (property.matches() && KafkaProperties.isSecret(property.group(1))) {
        return true;
      }
    }
    return false;
  }

  /** @return the path without its last field or index, or null at the top */
  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? null : path.substring(0, cut);
  }
}
