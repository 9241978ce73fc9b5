package dev.microservice.localcluster.node;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Host sysctls the kubelet changes while it runs (vm.overcommit_memory, kernel.panic...), recorded to be put back. */
final class KernelSettings {
  /** The kubelet's "kernel tunables" (pkg/kubelet/cm setupKernelTunables), set unless protectKernelDefaults. */
  private static final List<String> KUBELET = List.of("vm/overcommit_memory", "vm/panic_on_oom", "kernel/panic",
      "kernel/panic_on_oops", "kernel/keys/root_maxkeys", "kernel/keys/root_maxbytes");
  private final Map<Path, String> before = new LinkedHashMap<>();

  private KernelSettings() {}

  /** @return the kubelet's sysctls as they are now */
  static KernelSettings record() {
    KernelSettings settings = new KernelSettings();
    for (String name : KUBELET) {
      Path file = Path.of("/proc/sys").resolve(name);
      try {
        settings.before.put(file, read(file));
      } catch (IOException e) {
        // not on this kernel
      }
    }
    return settings;
  }

  /**
   * Reads a file of /proc or /sys whole. Not with Files.readString: on JDK 17 it may read a procfs file (size 0) only in
   * part (kernel.panic "10" read as "1").
   *
   * @param file the file
   * @return its content, stripped
   * @throws IOException if it cannot be read
   */
  static String read(Path file) throws IOException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
  }

  /** Writes back every recorded value that changed. */
  void restore() {
    before.forEach((file, value) -> {
      try {
        if (!read(file).equals(value)) {
          Files.writeString(file, value);
        }
      } catch (IOException e) {
        // best effort
      }
    });
  }
}
