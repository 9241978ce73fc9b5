package dev.microservice.model;

/**
 * One secret field of a manifest.
 *
 * @param path its manifest path, e.g. {@code spec.servers[1].kafka.security.sasl.password}
 * @param field which field it is
 * @param source where the secret comes from; null when the field is left out
 */
public record SecretReference(String path, SecretField field, SecretValueSpec source) {
  /** @return whether it names a key of a Kubernetes Secret (which the operator mounts as a file) */
  public boolean referencesSecret() {
    return source != null && source.getSecretKeyRef() != null;
  }

  /** @return the Secret key it names, or null */
  public SecretKeyRef secretKeyRef() {
    return source == null ? null : source.getSecretKeyRef();
  }
}
