package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.contract.ConsumerGroupIds;

/** The consumer group a Kafka server of the runtime joins: the one whose lag KEDA measures. */
public final class ConsumerGroups {
  private ConsumerGroups() {}

  /**
   * The server's groupId, else the runtime's default ({@link ConsumerGroupIds#defaultId}).
   *
   * @param ms the MicroService
   * @param server one of its Kafka servers
   * @return the consumer group id
   */
  public static String of(MicroService ms, ServerSpec server) {
    if (server.getKafka().getGroupId() != null) {
      return server.getKafka().getGroupId();
    }
    return ConsumerGroupIds.defaultId(ms.getMetadata().getNamespace(), ms.getMetadata().getName(), server.getName());
  }
}
