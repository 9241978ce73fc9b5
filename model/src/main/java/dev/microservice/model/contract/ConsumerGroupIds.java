package dev.microservice.model.contract;

/** The consumer group a Kafka server joins when its manifest names none: one rule for the runtime and the operator. */
public final class ConsumerGroupIds {
  private ConsumerGroupIds() {}

  /**
   * @param namespace the MicroService's metadata.namespace, null or blank for "default"
   * @param name the MicroService's metadata.name
   * @param server the Kafka server's name
   * @return {@code <namespace or "default">.<name>.<server>}
   */
  public static String defaultId(String namespace, String name, String server) {
    return (namespace == null || namespace.isBlank() ? "default" : namespace) + "." + name + "." + server;
  }
}
