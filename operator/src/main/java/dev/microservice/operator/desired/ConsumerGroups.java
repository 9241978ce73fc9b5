package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import dev.microservice.model.ServerSpec;

/** The consumer group a Kafka server of the runtime joins: the one whose lag KEDA measures. */
public final class ConsumerGroups {
  private ConsumerGroups() {}

  /**
   * The server's groupId, else the runtime's default {@code <metadata.namespace or "default">.<metadata.name>.<server
   * name>} (the runtime's KafkaClientConfig.defaultGroupId; the same words in KafkaServerSpec's groupId description).
   *
   * @param ms the MicroService
   * @param server one of its Kafka servers
   * @return the consumer group id
   */
  public static String of(MicroService ms, ServerSpec server) {
    if (server.getKafka().getGroupId() != null) {
      return server.getKafka().getGroupId();
    }
    String namespace = ms.getMetadata().getNamespace();
    return (namespace == null || namespace.isBlank() ? "default" : namespace) + "." + ms.getMetadata().getName()
        + "." + server.getName();
  }
}
