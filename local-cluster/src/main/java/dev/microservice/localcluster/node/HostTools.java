package dev.microservice.localcluster.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The host programs a node needs, each with the Debian package that provides it; a missing one fails naming it. */
public final class HostTools {
  /** Program (or absolute file) to the Debian package that installs it. */
  private static final Map<String, String> PACKAGES = Map.ofEntries(
      Map.entry("containerd", "containerd"),
      Map.entry("ctr", "containerd"),
      Map.entry("containerd-shim-runc-v2", "containerd"),
      Map.entry("runc", "runc"),
      Map.entry("/usr/lib/cni/bridge", "containernetworking-plugins"),
      Map.entry("/usr/lib/cni/host-local", "containernetworking-plugins"),
      Map.entry("/usr/lib/cni/loopback", "containernetworking-plugins"),
      Map.entry("umoci", "umoci"),
      Map.entry("gcc", "gcc"),
      Map.entry("tar", "tar"),
      Map.entry("ip", "iproute2"),
      Map.entry("umount", "mount"));
  private static final List<Path> DIRS = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
      Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

  private HostTools() {}

  /**
   * Checks that this host can run a node: root, and every program the node runs.
   *
   * @throws IllegalStateException naming the Debian packages to install
   */
  public static void check() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("a KubeletNode needs root (containerd, runc, mounts, network devices, cgroups)");
    }
    List<String> missing = new ArrayList<>();
    PACKAGES.forEach((program, pkg) -> {
      if (find(program) == null && !missing.contains(pkg)) {
        missing.add(pkg);
      }
    });
    if (!missing.isEmpty()) {
      throw new IllegalStateException("a KubeletNode needs host programs that are missing: apt-get install -y "
          + "--no-install-recommends " + String.join(" ", missing.stream().sorted().toList()));
    }
  }

  /**
   * @param program a program's name (e.g. ctr) or an absolute path
   * @return its path
   * @throws IllegalStateException naming the Debian package that provides it
   */
  public static Path require(String program) {
    Path path = find(program);
    if (path == null) {
      String pkg = PACKAGES.getOrDefault(program, "?");
      throw new IllegalStateException(program + " is missing: apt-get install -y --no-install-recommends " + pkg);
    }
    return path;
  }

  /**
   * @param program a program's name or an absolute path
   * @param debianPackage the Debian package that provides it, for the error
   * @return its path
   * @throws IllegalStateException naming the package
   */
  public static Path require(String program, String debianPackage) {
    Path path = find(program);
    if (path == null) {
      throw new IllegalStateException(program + " is missing: apt-get install -y --no-install-recommends " + debianPackage);
    }
    return path;
  }

  private static Path find(String program) {
    if (program.startsWith("/")) {
      return Files.isRegularFile(Path.of(program)) ? Path.of(program) : null;
    }
    List<Path> dirs = new ArrayList<>();
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(":")) {
        if (!dir.isEmpty()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    dirs.addAll(DIRS);
    return dirs.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst().orElse(null);
  }
}
