package dev.microservice.runtime.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** This machine's name: the stable stand-in for {@code POD_NAME} when the runtime runs outside Kubernetes. */
final class HostName {
  private HostName() {}

  /** @return HOSTNAME from the environment, else the resolver's host name, else "localhost" */
  static String get(Map<String, String> env) {
    String name = env.get("HOSTNAME");
    if (name != null && !name.isBlank()) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
