package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts one container of a pod as a host process: in the pod's network namespace, in a private mount namespace
 * where the image's files and the volumes sit at their paths (read-only where asked, and the root file system too),
 * as the user and without the capabilities its security contexts say, with exactly the container's command, args and
 * environment.
 *
 * <p>Every mount source is opened before the first mount and bound through {@code /proc/self/fd}, so no mount (say an
 * emptyDir over /tmp) can hide the source of another, wherever the sources are.
 */
final class ContainerProcess {
  /** The first file descriptor the mount script opens a source on. */
  private static final int FIRST_FD = 10;

  private ContainerProcess() {}

  /** A bind mount: a host file or directory at a path in the container. */
  private record Mount(Path source, String target, boolean readOnly) {}

  /**
   * @param c the container
   * @param podSecurity the pod's security context
   * @param images the images
   * @param volumes each volume's host directory, by name
   * @param env the resolved environment
   * @param netnsFile the pod's network namespace file
   * @param logDir where the container's log (and the script that starts it) goes
   * @return the running process: after the script's exec, the container's own
   */
  static Process start(Container c, PodSecurityContext podSecurity, Images images, Map<String, Path> volumes, Map<String, String> env,
      String netnsFile, Path logDir) {
    SecurityContext sc = c.getSecurityContext();
    boolean readOnlyRoot = sc != null && Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem());
    List<Mount> mounts = new ArrayList<>(imageFiles(images.get(c.getImage()).root(), readOnlyRoot));
    List<VolumeMount> volumeMounts = new ArrayList<>(c.getVolumeMounts());
    // Parents before children, as the kubelet orders them.
    volumeMounts.sort(Comparator.comparing((VolumeMount m) -> m.getMountPath().length()));
    for (VolumeMount m : volumeMounts) {
      Path source = volumes.get(m.getName());
      if (source == null) {
        throw new IllegalStateException("container " + c.getName() + " mounts unknown volume " + m.getName());
      }
      mounts.add(new Mount(source, m.getMountPath(), Boolean.TRUE.equals(m.getReadOnly())));
    }
    List<String> script = new ArrayList<>(List.of("set -e"));
    for (int i = 0; i < mounts.size(); i++) {
      script.add("exec " + (FIRST_FD + i) + "<" + Shell.quote(mounts.get(i).source().toString()));
    }
    for (int i = 0; i < mounts.size(); i++) {
      Mount m = mounts.get(i);
      String target = Shell.quote(m.target());
      script.add(Files.isDirectory(m.source()) ? "mkdir -p " + target
          : "mkdir -p \"$(dirname " + target + ")\" && touch " + target);
      script.add("mount --no-canonicalize --bind /proc/self/fd/" + (FIRST_FD + i) + " " + target);
      if (m.readOnly()) {
        script.add("mount -o remount,bind,ro " + target);
      }
      script.add("exec " + (FIRST_FD + i) + "<&-");
    }
    if (readOnlyRoot) {
      script.add("mount -o remount,bind,ro /");
    }
    script.add("cd " + Shell.quote(c.getWorkingDir() == null || c.getWorkingDir().isEmpty() ? "/" : c.getWorkingDir()));
    List<String> exec = new ArrayList<>(user(c, podSecurity));
    exec.add("env");
    exec.add("-i");
    exec.add("PATH=/usr/local/bin:/usr/bin:/bin");
    env.forEach((k, v) -> exec.add(k + "=" + v));
    exec.addAll(commandLine(c, images));
    script.add("exec " + Shell.quoteAll(exec));
    try {
      Files.createDirectories(logDir);
      String text = String.join("\n", script) + "\n";
      Files.writeString(logDir.resolve(c.getName() + ".sh"), text);
      return new ProcessBuilder("nsenter", "--net=" + netnsFile, "unshare", "--mount", "--propagation", "private", "bash", "-c", text)
          .redirectErrorStream(true).redirectOutput(Redirect.appendTo(logDir.resolve(c.getName() + ".log").toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start container " + c.getName() + HostTools.hint("nsenter"), e);
    }
  }

  /** The image's own files at their paths (e.g. /endpoints of an endpoint image); the host's stand in for the rest. */
  private static List<Mount> imageFiles(Path root, boolean readOnly) {
    try (var entries = Files.list(root)) {
      return entries.sorted().map(e -> new Mount(e, "/" + e.getFileName(), readOnly)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The image's entrypoint unless the container sets a command; then the container's args. */
  private static List<String> commandLine(Container c, Images images) {
    List<String> line = new ArrayList<>();
    if (c.getCommand() != null && !c.getCommand().isEmpty()) {
      line.addAll(c.getCommand());
    } else {
      line.addAll(images.get(c.getImage()).entrypoint());
    }
    if (c.getArgs() != null) {
      line.addAll(c.getArgs());
    }
    if (line.isEmpty()) {
      throw new IllegalStateException("container " + c.getName() + " has no command and its image no entrypoint");
    }
    return line;
  }

  /** setpriv honouring runAsUser/runAsGroup, allowPrivilegeEscalation=false and dropped capabilities. */
  private static List<String> user(Container c, PodSecurityContext pod) {
    SecurityContext sc = c.getSecurityContext();
    Long uid = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
    Long gid = sc != null && sc.getRunAsGroup() != null ? sc.getRunAsGroup() : pod == null ? null : pod.getRunAsGroup();
    boolean nonRoot = (sc != null && Boolean.TRUE.equals(sc.getRunAsNonRoot())) || (pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot()));
    if (nonRoot && (uid == null || uid == 0)) {
      throw new IllegalStateException("container " + c.getName() + " must run as non-root but names no non-root user");
    }
    List<String> setpriv = new ArrayList<>(List.of("setpriv"));
    if (uid != null) {
      setpriv.add("--reuid=" + uid);
      setpriv.add("--regid=" + (gid == null ? uid : gid));
      List<Long> groups = new ArrayList<>();
      if (pod != null && pod.getFsGroup() != null) {
        groups.add(pod.getFsGroup());
      }
      if (pod != null) {
        groups.addAll(pod.getSupplementalGroups());
      }
      setpriv.add(groups.isEmpty() ? "--clear-groups" : "--groups=" + String.join(",", groups.stream().map(String::valueOf).toList()));
    }
    if (sc != null && Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
      setpriv.add("--no-new-privs");
    }
    if (sc != null && sc.getCapabilities() != null && sc.getCapabilities().getDrop().contains("ALL")) {
      setpriv.add("--bounding-set=-all");
      setpriv.add("--inh-caps=-all");
    }
    return setpriv;
  }

  /** Resolves the container's environment: values and the downward API (PodSpecCheck rejects other sources). */
  static Map<String, String> env(Container c, Pod pod, String podIp) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar v : c.getEnv()) {
      env.put(v.getName(), v.getValueFrom() == null ? (v.getValue() == null ? "" : v.getValue())
          : DownwardApi.field(pod, podIp, v.getValueFrom().getFieldRef()));
    }
    return env;
  }
}
