package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
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
import java.util.List;
import java.util.Map;

/**
 * Starts one container of a pod template as a host process: in the pod's network namespace, in a
 * private mount namespace where its volumes sit at their mount paths (read-only where asked, and
 * the root file system too), as the user and without the capabilities its security contexts say,
 * with exactly the template's command, args and environment.
 */
final class ContainerProcess {
  private ContainerProcess() {}

  static Process start(Container c, PodSecurityContext podSecurity, Images images, Map<String, Path> volumes, Map<String, String> env,
      String netns, Path podDir) {
    List<String> script = new ArrayList<>(List.of("set -e"));
    Path imageRoot = images.get(c.getImage()).root();
    if (imageRoot != null) {
      // The image's own files (e.g. /endpoints of an endpoint image) at their paths; the host's tools stand in for the rest.
      try (var entries = Files.list(imageRoot)) {
        for (Path entry : entries.toList()) {
          String path = Shell.quote("/" + entry.getFileName());
          script.add("mkdir -p " + path + " && mount --bind " + Shell.quote(entry.toString()) + " " + path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<VolumeMount> mounts = new ArrayList<>(c.getVolumeMounts());
    mounts.sort(Comparator.comparing(m -> m.getMountPath().length()));
    for (VolumeMount m : mounts) {
      Path source = volumes.get(m.getName());
      if (source == null) {
        throw new IllegalStateException("container " + c.getName() + " mounts unknown volume " + m.getName());
      }
      if (m.getSubPath() != null || m.getSubPathExpr() != null || m.getMountPropagation() != null) {
        throw new IllegalStateException("container " + c.getName() + ": the pod launcher cannot honour subPath or mountPropagation");
      }
      String path = Shell.quote(m.getMountPath());
      script.add("mkdir -p " + path + " && mount --bind " + Shell.quote(source.toString()) + " " + path);
      if (Boolean.TRUE.equals(m.getReadOnly())) {
        script.add("mount -o remount,bind,ro " + path);
      }
    }
    SecurityContext sc = c.getSecurityContext();
    if (sc != null && Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
      script.add("mount -o remount,bind,ro /");
    }
    script.add("cd " + Shell.quote(c.getWorkingDir() == null ? "/" : c.getWorkingDir()));
    List<String> exec = new ArrayList<>(user(c, podSecurity));
    exec.add("env");
    exec.add("-i");
    exec.add("PATH=/usr/local/bin:/usr/bin:/bin");
    env.forEach((k, v) -> exec.add(k + "=" + v));
    exec.addAll(commandLine(c, images));
    script.add("exec " + Shell.quoteAll(exec));
    try {
      Path scriptFile = podDir.resolve(c.getName() + ".sh");
      Files.writeString(scriptFile, String.join("\n", script) + "\n");
      Path log = podDir.resolve(c.getName() + ".log");
      return new ProcessBuilder("ip", "netns", "exec", netns, "unshare", "--mount", "--propagation", "private", "sh", scriptFile.toString())
          .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
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
      setpriv.add("--clear-groups");
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

  /** Resolves the container's environment: values and the downward API; anything else fails. */
  static Map<String, String> env(Container c, String podName, String namespace, String podIp) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (EnvVar v : c.getEnv()) {
      if (v.getValueFrom() == null) {
        env.put(v.getName(), v.getValue() == null ? "" : v.getValue());
      } else if (v.getValueFrom().getFieldRef() != null) {
        String field = v.getValueFrom().getFieldRef().getFieldPath();
        env.put(v.getName(), switch (field) {
          case "metadata.name" -> podName;
          case "metadata.namespace" -> namespace;
          case "status.podIP" -> podIp;
          default -> throw new IllegalStateException("env " + v.getName() + ": the pod launcher cannot honour fieldRef " + field);
        });
      } else {
        throw new IllegalStateException("env " + v.getName() + ": the pod launcher cannot honour " + v.getValueFrom());
      }
    }
    return env;
  }
}
