package dev.microservice.localcluster.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small OCI image built offline with umoci from a few host files, written as a tarball that carries its name. */
public final class ScratchImage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String name;
  private final Map<String, Path> files = new LinkedHashMap<>();
  private final Map<String, String> directories = new LinkedHashMap<>();
  private final Map<String, String> symlinks = new LinkedHashMap<>();
  private final List<String> entrypoint = new ArrayList<>();
  private String user;

  private ScratchImage(String name) {
    this.name = name;
  }

  /**
   * @param name the image's full name, e.g. {@code registry.k8s.io/pause:3.10} (no tag means {@code latest})
   * @return an empty image of that name
   */
  public static ScratchImage named(String name) {
    return new ScratchImage(name);
  }

  /**
   * @param source a host file, copied with its permissions
   * @param target its absolute path in the image
   * @return this
   */
  public ScratchImage file(Path source, String target) {
    files.put(target, source);
    return this;
  }

  /**
   * @param target an absolute path in the image
   * @param mode its permissions, e.g. {@code rwxrwxrwx}
   * @return this
   */
  public ScratchImage directory(String target, String mode) {
    directories.put(target, mode);
    return this;
  }

  /**
   * @param target an absolute path in the image
   * @param linkTo what the link points to
   * @return this
   */
  public ScratchImage symlink(String target, String linkTo) {
    symlinks.put(target, linkTo);
    return this;
  }

  /**
   * @param command the entrypoint and its arguments
   * @return this
   */
  public ScratchImage entrypoint(String... command) {
    entrypoint.clear();
    entrypoint.addAll(List.of(command));
    return this;
  }

  /**
   * @param uidGid the user the image runs as, e.g. {@code 65532:65532}
   * @return this
   */
  public ScratchImage user(String uidGid) {
    this.user = uidGid;
    return this;
  }

  /** @return the image's full name */
  public String name() {
    return name;
  }

  /**
   * Builds the image in an OCI layout with umoci and archives it; its index names it ({@code io.containerd.image.name}),
   * so {@link Containerd#importImage} needs no name.
   *
   * @param workDir a directory for the layout, the unpacked bundle and the tarball
   * @return the tarball
   */
  public Path writeTarball(Path workDir) {
    Path umoci = HostTools.require("umoci");
    String tag = tag();
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    Path layout = workDir.resolve(safe + ".oci");
    Path bundle = workDir.resolve(safe + ".bundle");
    Path tarball = workDir.resolve(safe + ".tar");
    String image = layout + ":" + tag;
    try {
      Files.createDirectories(workDir);
      HostCommand.run(umoci.toString(), "init", "--layout", layout.toString());
      HostCommand.run(umoci.toString(), "new", "--image", image);
      HostCommand.run(umoci.toString(), "unpack", "--image", image, bundle.toString());
      Path rootfs = bundle.resolve("rootfs");
      for (Map.Entry<String, String> dir : directories.entrySet()) {
        Path target = inside(rootfs, dir.getKey());
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(dir.getValue()));
      }
      for (Map.Entry<String, Path> file : files.entrySet()) {
        Path target = inside(rootfs, file.getKey());
        Files.createDirectories(target.getParent());
        Files.copy(file.getValue(), target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
      }
      for (Map.Entry<String, String> link : symlinks.entrySet()) {
        Path target = inside(rootfs, link.getKey());
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(target);
        }
        Files.createSymbolicLink(target, Path.of(link.getValue()));
      }
      HostCommand.run(umoci.toString(), "repack", "--image", image, bundle.toString());
      List<String> config = new ArrayList<>(List.of(umoci.toString(), "config", "--image", image, "--os", "linux"));
      entrypoint.forEach(e -> config.addAll(List.of("--config.entrypoint", e)));
      if (user != null) {
        config.addAll(List.of("--config.user", user));
      }
      HostCommand.run(config.toArray(String[]::new));
      HostCommand.run(umoci.toString(), "gc", "--layout", layout.toString());
      nameInIndex(layout.resolve("index.json"));
      Files.deleteIfExists(tarball);
      HostCommand.run(HostTools.require("tar").toString(), "-C", layout.toString(), "-cf", tarball.toString(), ".");
      return tarball;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build image " + name, e);
    }
  }

  /** Adds the full name to the index's manifest: containerd's importer keeps it as the image's name. */
  private void nameInIndex(Path index) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(index.toFile());
    root.withArray("manifests").forEach(m -> {
      ObjectNode manifest = (ObjectNode) m;
      ObjectNode annotations = manifest.has("annotations") ? (ObjectNode) manifest.get("annotations")
          : manifest.putObject("annotations");
      annotations.put("io.containerd.image.name", fullName());
    });
    JSON.writeValue(index.toFile(), root);
  }

  private String tag() {
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "latest";
  }

  private String fullName() {
    return tag().equals("latest") && name.lastIndexOf(':') <= name.lastIndexOf('/') ? name + ":latest" : name;
  }

  private static Path inside(Path rootfs, String absolute) {
    Path target = rootfs.resolve(absolute.replaceFirst("^/+", "")).normalize();
    if (!target.startsWith(rootfs)) {
      throw new IllegalArgumentException(absolute + " is outside the image");
    }
    return target;
  }
}
