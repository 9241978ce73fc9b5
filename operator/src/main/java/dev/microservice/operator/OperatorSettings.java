package dev.microservice.operator;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, from its environment.
 *
 * @param runtimeImage the runtime image for MicroServices that name none (RUNTIME_IMAGE)
 * @param watchNamespaces namespaces to watch (WATCH_NAMESPACES, comma-separated); empty for all
 * @param leaseNamespace namespace of the leader-election lease (POD_NAMESPACE); null turns leader election off
 * @param instance this instance's name for events and the lease (POD_NAME)
 * @param managementPort port of /healthz, /readyz and /metrics (MANAGEMENT_PORT, default 8080)
 */
public record OperatorSettings(String runtimeImage, Set<String> watchNamespaces, String leaseNamespace, String instance,
    int managementPort) {
  /** The lease name used for leader election. */
  public static final String LEASE_NAME = "microservice-operator-leader";

  /**
   * @param env the environment
   * @return the settings
   * @throws IllegalArgumentException naming the variable that is missing or malformed
   */
  public static OperatorSettings fromEnv(Map<String, String> env) {
    String image = env.get("RUNTIME_IMAGE");
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("RUNTIME_IMAGE is not set: the runtime image to deploy, e.g. ghcr.io/example/microservice-runtime:0.1.0");
    }
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    String port = env.getOrDefault("MANAGEMENT_PORT", "8080");
    int managementPort;
    try {
      managementPort = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MANAGEMENT_PORT must be a number, got '" + port + "'");
    }
    boolean leaderElection = !"false".equalsIgnoreCase(env.getOrDefault("LEADER_ELECTION", "true"));
    return new OperatorSettings(image, namespaces, leaderElection ? env.get("POD_NAMESPACE") : null,
        env.getOrDefault("POD_NAME", "microservice-operator"), managementPort);
  }
}
