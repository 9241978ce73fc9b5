package dev.microservice.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image tarball as Jib writes it (an OCI layout), unpacked with GNU tar: its index, manifest and
 * configuration, and its root filesystem for runc.
 *
 * @param layout the directory the tarball was unpacked into
 * @param index the layout's index.json
 * @param manifest the image manifest
 * @param config the image configuration
 */
record OciImage(Path layout, JsonNode index, JsonNode manifest, JsonNode config) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Unpacks a tarball into a fresh directory. */
  static OciImage open(Path tarball, Path dir) throws IOException, InterruptedException {
    Shell.deleteTree(dir);
    Files.createDirectories(dir);
    Shell.run("tar", "-xf", tarball.toString(), "-C", dir.toString());
    JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
    JsonNode manifest = JSON.readTree(blob(dir, index.get("manifests").get(0).get("digest").asText()).toFile());
    JsonNode config = JSON.readTree(blob(dir, manifest.get("config").get("digest").asText()).toFile());
    return new OciImage(dir, index, manifest, config);
  }

  /** @return the name Jib gave the image (containerd's {@code ctr images import} uses it as is) */
  String name() {
    return index.get("manifests").get(0).get("annotations").get("org.opencontainers.image.ref.name").asText();
  }

  /** @return the layer digests, base first */
  List<String> layers() {
    List<String> digests = new ArrayList<>();
    manifest.get("layers").forEach(l -> digests.add(l.get("digest").asText()));
    return digests;
  }

  /** @return the container configuration: User, Entrypoint, Cmd, Env, Labels */
  JsonNode container() {
    return config.get("config");
  }

  List<String> entrypoint() {
    return strings(container().get("Entrypoint"));
  }

  List<String> cmd() {
    return strings(container().get("Cmd"));
  }

  List<String> env() {
    return strings(container().get("Env"));
  }

  /**
   * Builds the root filesystem: the first layer (the base, unpacked once into {@code layers}) as
   * hard links, the others unpacked on top. The containers run it read-only, so the links are safe.
   */
  Path rootfs(Path dir, Path layers) throws IOException, InterruptedException {
    List<String> digests = layers();
    Path base = layers.resolve(digests.get(0).replace(':', '-'));
    if (!Files.isDirectory(base)) {
      Path partial = layers.resolve(base.getFileName() + ".partial");
      Shell.deleteTree(partial);
      Files.createDirectories(partial);
      unpack(digests.get(0), partial);
      Files.move(partial, base);
    }
    Shell.deleteTree(dir);
    Files.createDirectories(dir);
    Shell.run("cp", "-al", base + "/.", dir + "/");
    for (String digest : digests.subList(1, digests.size())) {
      unpack(digest, dir);
    }
    return dir;
  }

  private void unpack(String digest, Path into) throws IOException, InterruptedException {
    Shell.run("tar", "-xzf", blob(layout, digest).toString(), "--numeric-owner", "-C", into.toString());
  }

  static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }

  static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> list.add(n.asText()));
    }
    return list;
  }
}
