package dev.microservice.operator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operator's settings, from its environment.
 *
 * @param runtimeImage the runtime image for MicroServices that name none (RUNTIME_IMAGE)
 * @param watchNamespaces namespaces to watch (WATCH_NAMESPACES, comma-separated); empty for all
 * @param leaseNamespace namespace of the leader-election lease (POD_NAMESPACE); null turns leader election off
 * @param instance this instance's name for events and the lease (POD_NAME)
 * @param managementPort port of /healthz, /readyz and /metrics (MANAGEMENT_PORT, default 8080)
 * @param leaseName name of the leader-election lease (LEASE_NAME, default {@value #LEASE_NAME}); the chart makes
 *     it unique per release
 * @param secretChecks whether the operator reads the Secrets MicroServices reference (SECRET_CHECKS, default true): it
 *     watches them, checks that each referenced key exists before the pod starts, and rolls the pods when one changes;
 *     false means the operator never reads Secrets (and a changed Secret rolls nothing)
 * @param lagStatusInterval how often at most the Kafka lag of a MicroService's pods is read into its status
 *     (LAG_STATUS_INTERVAL: a number with unit ms, s or m, e.g. 30s, the default; 0 turns it off)
 */
public record OperatorSettings(String runtimeImage, Set<String> watchNamespaces, String leaseNamespace, String instance,
    int managementPort, String leaseName, boolean secretChecks, Duration lagStatusInterval) {
  /** The lease name used for leader election when LEASE_NAME is not set. */
  public static final String LEASE_NAME = "microservice-operator-leader";
  /** How often the Kafka lag is read when LAG_STATUS_INTERVAL is not set. */
  public static final Duration LAG_STATUS_INTERVAL = Duration.ofSeconds(30);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** Settings with the default lease name and Secret checks on. */
  public OperatorSettings(String runtimeImage, Set<String> watchNamespaces, String leaseNamespace, String instance,
      int managementPort) {
    this(runtimeImage, watchNamespaces, leaseNamespace, instance, managementPort, LEASE_NAME, true);
  }

  /** Settings with the default lag status interval. */
  public OperatorSettings(String runtimeImage, Set<String> watchNamespaces, String leaseNamespace, String instance,
      int managementPort, String leaseName, boolean secretChecks) {
    this(runtimeImage, watchNamespaces, leaseNamespace, instance, managementPort, leaseName, secretChecks,
        LAG_STATUS_INTERVAL);
  }

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
        env.getOrDefault("POD_NAME", "microservice-operator"), managementPort, leaseName(env),
        flag(env, "SECRET_CHECKS", true), duration(env, "LAG_STATUS_INTERVAL", LAG_STATUS_INTERVAL));
  }

  private static Duration duration(Map<String, String> env, String variable, Duration defaultValue) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    if (value.strip().equals("0")) {
      return Duration.ZERO;
    }
    var m = DURATION.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(variable + " must be a duration such as 500ms, 30s or 2m (0 for off), got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private static String leaseName(Map<String, String> env) {
    String name = env.get("LEASE_NAME");
    if (name == null || name.isBlank()) {
      return LEASE_NAME;
    }
    String stripped = name.strip();
    if (stripped.length() > 253 || !DNS_SUBDOMAIN.matcher(stripped).matches()) {
      throw new IllegalArgumentException("LEASE_NAME must be a Kubernetes object name (lower-case letters, digits, '-' and '.', "
          + "at most 253 characters), got '" + name + "'");
    }
    return stripped;
  }

  private static boolean flag(Map<String, String> env, String variable, boolean defaultValue) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(variable + " must be true or false, got '" + value + "'");
    };
  }
}
