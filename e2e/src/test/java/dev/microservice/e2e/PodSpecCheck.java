package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/** What in a pod's spec the node agent cannot honour; each finding becomes an error that fails the test. */
final class PodSpecCheck {
  private PodSpecCheck() {}

  /** @return what cannot be honoured, empty when the node agent can run the pod as specified */
  static List<String> problems(PodSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec.getContainers().size() != 1) {
      problems.add("the node agent runs pods of exactly one container, got " + spec.getContainers().size());
    }
    if (!"Always".equals(spec.getRestartPolicy())) {
      problems.add("restartPolicy " + spec.getRestartPolicy() + " (the node agent always restarts)");
    }
    if (isTrue(spec.getHostNetwork()) || isTrue(spec.getHostPID()) || isTrue(spec.getHostIPC()) || isTrue(spec.getShareProcessNamespace())) {
      problems.add("host or shared namespaces (hostNetwork, hostPID, hostIPC, shareProcessNamespace)");
    }
    if (!spec.getReadinessGates().isEmpty()) {
      problems.add("readinessGates");
    }
    if (!spec.getHostAliases().isEmpty() || spec.getHostname() != null || spec.getSubdomain() != null) {
      problems.add("hostAliases, hostname or subdomain (pods share the node's /etc/hosts and host name)");
    }
    for (Container c : spec.getInitContainers()) {
      if (c.getRestartPolicy() != null) {
        problems.add("init container " + c.getName() + ": sidecar containers (restartPolicy " + c.getRestartPolicy() + ")");
      }
      container(c, problems);
    }
    spec.getContainers().forEach(c -> container(c, problems));
    return problems;
  }

  private static void container(Container c, List<String> problems) {
    String name = "container " + c.getName() + ": ";
    if (!c.getEnvFrom().isEmpty()) {
      problems.add(name + "envFrom");
    }
    for (EnvVar v : c.getEnv()) {
      if (v.getValueFrom() != null && v.getValueFrom().getFieldRef() == null) {
        problems.add(name + "env " + v.getName() + " from anything but the downward API's fieldRef: " + v.getValueFrom());
      }
    }
    if (c.getLifecycle() != null && (c.getLifecycle().getPostStart() != null || c.getLifecycle().getPreStop() != null)) {
      problems.add(name + "lifecycle hooks");
    }
    for (Probe p : new Probe[] {c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe()}) {
      if (p != null && (p.getHttpGet() == null || p.getExec() != null || p.getGrpc() != null || p.getTcpSocket() != null
          || p.getHttpGet().getScheme() != null && !"HTTP".equals(p.getHttpGet().getScheme()) || p.getHttpGet().getHost() != null)) {
        problems.add(name + "the node agent honours httpGet probes over HTTP to the pod's IP only, got " + p);
      }
    }
    SecurityContext sc = c.getSecurityContext();
    if (sc != null && (isTrue(sc.getPrivileged()) || sc.getCapabilities() != null && !sc.getCapabilities().getAdd().isEmpty())) {
      problems.add(name + "privileged containers or added capabilities");
    }
    for (VolumeMount m : c.getVolumeMounts()) {
      if (m.getSubPath() != null && !m.getSubPath().isEmpty() || m.getSubPathExpr() != null && !m.getSubPathExpr().isEmpty()
          || m.getMountPropagation() != null && !"None".equals(m.getMountPropagation())) {
        problems.add(name + "volume mount " + m.getMountPath() + ": subPath, subPathExpr or mountPropagation");
      }
    }
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
