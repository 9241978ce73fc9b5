package dev.microservice.localcluster.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** The pod sandbox ("pause") image, made offline: a static C program (reaps children, exits 0 on SIGTERM) in an image. */
final class PauseImage {
  /** The name containerd's CRI plugin runs as every pod's sandbox (sandbox_image); the kubelet 1.34 default too. */
  static final String NAME = "registry.k8s.io/pause:3.10";

  private PauseImage() {}

  /**
   * Compiles pause.c with {@code gcc -static -Os} and packages it as {@link #NAME}, running as 65535 like the upstream
   * image.
   *
   * @param workDir where to build
   * @return the image tarball
   */
  static Path build(Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path source = workDir.resolve("pause.c");
      try (InputStream in = PauseImage.class.getResourceAsStream("pause.c")) {
        Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
      }
      Path binary = workDir.resolve("pause");
      HostCommand.Result gcc = HostCommand.exec(List.of(HostTools.require("gcc").toString(), "-static", "-Os",
          "-s", "-o", binary.toString(), source.toString()), Map.of());
      if (gcc.exitCode() != 0) {
        throw new IllegalStateException("gcc -static failed (needs the Debian packages gcc and libc6-dev): "
            + gcc.output().strip());
      }
      return ScratchImage.named(NAME).file(binary, "/pause").entrypoint("/pause").user("65535:65535")
          .writeTarball(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the pause image", e);
    }
  }
}
