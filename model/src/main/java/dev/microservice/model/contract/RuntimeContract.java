package dev.microservice.model.contract;

import java.util.List;

/** What the operator's pod template and the runtime's command line agree on: flags, ports, paths and environment. */
public final class RuntimeContract {
  /** Flag naming the MicroService manifest file the runtime runs. */
  public static final String MANIFEST_FLAG = "--manifest";
  /** Flag naming the directory of endpoint jars. */
  public static final String ENDPOINTS_FLAG = "--endpoints";
  /** Flag naming the port of the management endpoints. */
  public static final String MANAGEMENT_PORT_FLAG = "--management-port";

  /** The management port ({@link #HEALTH_PATH}, {@link #READY_PATH}, {@link #METRICS_PATH}) unless the flag says otherwise. */
  public static final int MANAGEMENT_PORT = 8081;
  /** The container port name of the management port; the probes name it. */
  public static final String MANAGEMENT_PORT_NAME = "management";
  /** The liveness (and start-up) probe's path on the management port. */
  public static final String HEALTH_PATH = "/healthz";
  /** The readiness probe's path on the management port. */
  public static final String READY_PATH = "/readyz";
  /** The Prometheus metrics path on the management port. */
  public static final String METRICS_PATH = "/metrics";

  /** The directory the runtime's ConfigMap is mounted at. */
  public static final String CONFIG_DIR = "/etc/microservice";
  /** The manifest's file name in {@link #CONFIG_DIR}: the ConfigMap's key. */
  public static final String MANIFEST_FILE = "microservice.yaml";
  /** The manifest's path in the runtime container. */
  public static final String MANIFEST_PATH = CONFIG_DIR + "/" + MANIFEST_FILE;
  /** Where an endpoint image keeps its jars, and where the runtime reads them with initContainer delivery. */
  public static final String ENDPOINTS_DIR = "/endpoints";
  /** Where the endpoint image is mounted with imageVolume delivery; its jars are under {@link #ENDPOINTS_DIR} there. */
  public static final String ENDPOINT_IMAGE_DIR = "/endpoint-image";

  /** Environment variable holding the pod's name (static Kafka group membership). */
  public static final String POD_NAME_ENV = "POD_NAME";
  /** Environment variable holding the pod's namespace. */
  public static final String POD_NAMESPACE_ENV = "POD_NAMESPACE";
  /** Environment variable choosing the runtime's log format: text (the default) or json. */
  public static final String LOG_FORMAT_ENV = "LOG_FORMAT";

  private RuntimeContract() {}

  /**
   * The runtime's command line.
   *
   * @param manifest the manifest file
   * @param endpoints the directory of endpoint jars
   * @param managementPort the management port
   * @return the arguments, each flag followed by its value
   */
  public static List<String> args(String manifest, String endpoints, int managementPort) {
    return List.of(MANIFEST_FLAG, manifest, ENDPOINTS_FLAG, endpoints, MANAGEMENT_PORT_FLAG, String.valueOf(managementPort));
  }
}
