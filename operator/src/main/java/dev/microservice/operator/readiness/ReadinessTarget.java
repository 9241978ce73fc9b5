package dev.microservice.operator.readiness;

import java.util.Map;

/**
 * The Service port whose /readyz the check asks for, from the environment the chart's test hook sets.
 *
 * @param namespace the Service's namespace (READINESS_NAMESPACE)
 * @param service the Service's name (READINESS_SERVICE)
 * @param port the Service port's name (READINESS_PORT)
 */
public record ReadinessTarget(String namespace, String service, String port) {
  /**
   * @param env the environment
   * @return the target
   * @throws IllegalArgumentException naming the variable that is missing
   */
  public static ReadinessTarget fromEnv(Map<String, String> env) {
    return new ReadinessTarget(required(env, "READINESS_NAMESPACE"), required(env, "READINESS_SERVICE"),
        required(env, "READINESS_PORT"));
  }

  /** @return the API server path of /readyz through the service proxy */
  public String proxyPath() {
    return "api/v1/namespaces/" + namespace + "/services/" + service + ":" + port + "/proxy/readyz";
  }

  private static String required(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(variable + " is not set (the helm test hook sets READINESS_NAMESPACE, "
          + "READINESS_SERVICE and READINESS_PORT)");
    }
    return value.strip();
  }
}
