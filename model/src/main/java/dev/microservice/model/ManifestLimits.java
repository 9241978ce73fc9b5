package dev.microservice.model;

/** The limits every reader of a manifest (the CLI, the runtime, the operator) applies before parsing it. */
public final class ManifestLimits {
  /** The largest manifest read, in bytes: 1 MiB, what a ConfigMap (the runtime's manifest in a cluster) holds. */
  public static final int MAX_BYTES = 1024 * 1024;
  /** The deepest nesting of lists and maps; a MicroService manifest needs about 12. */
  public static final int MAX_DEPTH = 64;
  /** The longest number, in characters. */
  public static final int MAX_NUMBER_CHARS = 64;

  private ManifestLimits() {}

  /**
   * @param bytes the manifest's size in bytes (or more, when reading stopped past the limit)
   * @param source where it came from, for the message
   * @throws ManifestException when the manifest is larger than {@link #MAX_BYTES}
   */
  public static void checkSize(long bytes, String source) {
    if (bytes > MAX_BYTES) {
      throw new ManifestException(source, java.util.List.of(tooLarge(bytes)));
    }
  }

  static Problem tooLarge(long bytes) {
    return new Problem("(document)", "the manifest is larger than 1 MiB (" + MAX_BYTES + " bytes)"
        + (bytes > MAX_BYTES + 1L ? ": it has " + bytes + " bytes" : "")
        + "; move large data out of it, e.g. into a file or an image");
  }
}
