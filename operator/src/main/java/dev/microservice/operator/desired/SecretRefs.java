package dev.microservice.operator.desired;

import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.SecretReference;
import dev.microservice.model.SecretReferences;
import dev.microservice.model.SecretValueSpec;
import java.util.List;

/** The Secret references of a spec (from the model's {@link SecretReferences}) and where the operator mounts them. */
public final class SecretRefs {
  /** Where the operator mounts referenced Secrets: one directory per Secret. */
  public static final String MOUNT_ROOT = "/etc/microservice/secrets";

  /**
   * A secret source and its path.
   *
   * @param path its manifest path
   * @param source the source; {@code source.getSecretKeyRef()} is set
   */
  public record Found(String path, SecretValueSpec source) {}

  private SecretRefs() {}

  /** @return every secret source in the spec that references a Kubernetes Secret */
  public static List<Found> of(MicroServiceSpec spec) {
    return SecretReferences.of(spec).stream().filter(SecretReference::referencesSecret)
        .map(r -> new Found(r.path(), r.source())).toList();
  }

  /** @return the file the runtime reads a Secret key from */
  public static String mountedFile(String secret, String key) {
    return MOUNT_ROOT + "/" + secret + "/" + key;
  }
}
