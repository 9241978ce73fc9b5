package dev.microservice.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The host tools the node agent runs, checked up front, each with the Debian package that provides it. */
final class HostTools {
  /** Tool, then the Debian package to install when it is missing. */
  private static final Map<String, String> PACKAGES = new LinkedHashMap<>();

  static {
    PACKAGES.put("ip", "iproute2");
    PACKAGES.put("nsenter", "util-linux");
    PACKAGES.put("unshare", "util-linux");
    PACKAGES.put("setpriv", "util-linux");
    // Built from util-linux, but a package of its own on Debian.
    PACKAGES.put("mount", "mount");
    PACKAGES.put("bash", "bash");
  }

  private HostTools() {}

  /** Fails, naming what to install, unless this JVM runs as root and every tool is on the PATH. */
  static void require() {
    List<String> missing = new ArrayList<>();
    Set<String> packages = new TreeSet<>();
    PACKAGES.forEach((tool, pkg) -> {
      if (find(tool) == null) {
        missing.add(tool + " (Debian package " + pkg + ")");
        packages.add(pkg);
      }
    });
    if (!missing.isEmpty()) {
      throw new IllegalStateException("The node agent needs host tools that are not on the PATH: " + String.join(", ", missing)
          + "; install them with apt-get install " + String.join(" ", packages));
    }
    if (uid() != 0) {
      throw new IllegalStateException("The node agent needs root (network namespaces, bind mounts, setpriv): run the e2e suite"
          + " as root, as CI does");
    }
  }

  /** @return the hint for a tool that could not be run, or an empty string for one this class does not know */
  static String hint(String tool) {
    String pkg = PACKAGES.get(tool);
    return pkg == null ? "" : " (is " + tool + " installed? It comes with the Debian package " + pkg + ")";
  }

  private static Path find(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }
}
