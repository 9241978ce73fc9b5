package dev.microservice.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The only stand-in for a container registry: what each image of the test stands for here. The
 * runtime image is its executable jar, run as its Dockerfile's ENTRYPOINT does; an endpoint image
 * is a directory that holds /endpoints.
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
   * @param root its file system, for volumes that mount the image and for commands reading it
   */
  record Image(List<String> entrypoint, Path root) {}

  private final Map<String, Image> images;

  Images(Path runtimeJar, Path helloImageRoot) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    images = Map.of(
        RUNTIME, new Image(List.of(java, "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", runtimeJar.toString()), null),
        HELLO, new Image(List.of(), helloImageRoot));
  }

  Image get(String name) {
    Image image = images.get(name);
    if (image == null) {
      throw new IllegalStateException("the pod launcher has no image '" + name + "'; known: " + images.keySet());
    }
    return image;
  }
}
