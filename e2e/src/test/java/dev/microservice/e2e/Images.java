package dev.microservice.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The only stand-in for a container registry: each image of the test is a directory staged outside the
 * clone (its file system) and an entrypoint. The runtime image holds its executable jar at
 * {@code /app/microservice-runtime.jar}, run as its Dockerfile's ENTRYPOINT does; the hello endpoint image
 * holds {@code /endpoints/hello-endpoint.jar}. Host tools (java, sh, cp) stand in for the images' own.
 */
final class Images {
  /** The runtime image the operator is configured with. */
  static final String RUNTIME = "ghcr.io/microservice-operator/runtime:e2e";
  /** The hello example's endpoint image, as named in its manifest. */
  static final String HELLO = "example.com/hello-endpoint:1.0";

  /**
   * What an image provides.
   *
   * @param entrypoint its ENTRYPOINT (empty when it has none)
   * @param root its file system: each top-level entry appears at /entry in the containers of the image
   * @param id its content digest, as the kubelet reports it in {@code imageID}
   */
  record Image(List<String> entrypoint, Path root, String id) {}

  private final Map<String, Image> images;

  private Images(Map<String, Image> images) {
    this.images = images;
  }

  /**
   * Copies the images' contents under {@code dir}, so that no container depends on where the clone is.
   *
   * @param dir where to stage them (outside the clone)
   * @param runtimeJar the runtime's executable jar
   * @param helloJar the hello endpoint's jar
   * @return the images
   */
  static Images stage(Path dir, Path runtimeJar, Path helloJar) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path runtime = dir.resolve("runtime");
    Path hello = dir.resolve("hello");
    String runtimeDigest = copy(runtimeJar, runtime, "app/microservice-runtime.jar");
    String helloDigest = copy(helloJar, hello, "endpoints/hello-endpoint.jar");
    return new Images(Map.of(
        RUNTIME, new Image(List.of(java, "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar",
            "/app/microservice-runtime.jar"), runtime, id(RUNTIME, runtimeDigest)),
        HELLO, new Image(List.of(), hello, id(HELLO, helloDigest))));
  }

  Image get(String name) {
    Image image = images.get(name);
    if (image == null) {
      throw new IllegalStateException("the node agent has no image '" + name + "'; known: " + images.keySet());
    }
    return image;
  }

  /** A registry-style image ID: the repository and the digest of the content. */
  private static String id(String name, String digest) {
    int tag = name.lastIndexOf(':');
    return (tag > name.lastIndexOf('/') ? name.substring(0, tag) : name) + "@sha256:" + digest;
  }

  /** Copies a file into an image's root, readable by any user, and returns its SHA-256. */
  private static String copy(Path from, Path root, String relative) {
    try {
      if (!Files.isRegularFile(from)) {
        throw new IllegalStateException(from + " is missing: build the project first (./mvnw -B -q install -DskipTests -DskipITs)");
      }
      Path to = root.resolve(relative);
      Files.createDirectories(to.getParent());
      for (Path d = to.getParent(); d.startsWith(root); d = d.getParent()) {
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(to), sha)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
