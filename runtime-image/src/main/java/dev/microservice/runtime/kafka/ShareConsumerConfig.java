package dev.microservice.runtime.kafka;

import dev.microservice.model.GroupProtocol;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The properties of a share consumer: the server's consumer properties (bootstrap, security, client id, the
 * manifest's properties) without those a share consumer refuses, with explicit acknowledgement.
 */
final class ShareConsumerConfig {
  /** Consumer-group properties that KafkaShareConsumer refuses. */
  static final Set<String> NOT_FOR_SHARE = Set.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
      ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
      ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
      ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.GROUP_PROTOCOL_CONFIG,
      ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

  private ShareConsumerConfig() {}

  /**
   * @param config the server's client configuration
   * @param worker the worker's number, appended to the client id
   */
  static Map<String, Object> of(KafkaClientConfig config, int worker) {
    Map<String, Object> c = new HashMap<>(config.consumer(GroupProtocol.CONSUMER));
    c.keySet().removeAll(NOT_FOR_SHARE);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, c.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-" + worker);
    c.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
    // One record per poll unless the manifest says otherwise: a worker then holds no records that others could handle.
    c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    c.putIfAbsent(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
    return c;
  }
}
