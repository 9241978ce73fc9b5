package dev.microservice.runtime.kafka;

import dev.microservice.model.contract.ConsumerGroupIds;
import dev.microservice.model.Delivery;
import dev.microservice.model.GroupProtocol;
import dev.microservice.model.KafkaProperties;
import dev.microservice.model.KafkaSecuritySpec;
import dev.microservice.model.KafkaServerSpec;
import dev.microservice.model.Manifest;
import dev.microservice.model.Problem;
import dev.microservice.model.SaslSpec;
import dev.microservice.model.SecretReference;
import dev.microservice.model.SecretReferences;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.TlsSpec;
import dev.microservice.runtime.StartupException;
import dev.microservice.runtime.secrets.SecretReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Every Kafka client setting of one Kafka server, built in one place from the manifest, the
 * environment ({@code POD_NAME}) and the secrets it references.
 */
final class KafkaClientConfig {
  private final String groupId;
  private final String instanceId;
  private final Map<String, Object> common = new HashMap<>();
  private final Map<String, String> extra;
  private final String summary;
  private final String transactionalId;

  private KafkaClientConfig(String groupId, String instanceId, Map<String, String> extra, String summary,
      String transactionalId) {
    this.groupId = groupId;
    this.instanceId = instanceId;
    this.extra = extra;
    this.summary = summary;
    this.transactionalId = transactionalId;
  }

  /**
   * Builds the configuration of a Kafka server.
   *
   * @param path the server's manifest path, e.g. spec.servers[1], for error messages
   * @param manifest the manifest (its metadata names the default group)
   * @param server the server spec (its kafka part is set)
   * @param env the environment (POD_NAME, secret variables)
   * @return the configuration
   * @throws StartupException naming the path of a bad property or unreadable secret
   */
  static KafkaClientConfig build(String path, Manifest manifest, ServerSpec server, Map<String, String> env) {
    KafkaServerSpec kafka = server.getKafka();
    String groupId = kafka.getGroupId() != null ? kafka.getGroupId() : defaultGroupId(manifest, server);
    String podName = env.get(dev.microservice.model.contract.RuntimeContract.POD_NAME_ENV);
    Map<String, String> extra = checkedProperties(path + ".kafka.properties", kafka.getProperties());
    String security = kafka.getSecurity() == null ? "PLAINTEXT" : String.valueOf(kafka.getSecurity().getProtocol());
    String summary = "bootstrap " + kafka.getBootstrapServers() + ", group " + groupId
        + (podName != null ? ", instance " + podName : "") + ", security " + security
        + (kafka.getSecurity() != null && kafka.getSecurity().getSasl() != null
            ? " (" + kafka.getSecurity().getSasl().getMechanism().kafkaName() + " as '" + kafka.getSecurity().getSasl().getUsername() + "')" : "");
    String transactionalId = kafka.getDelivery() == Delivery.EXACTLY_ONCE
        ? transactionalId(manifest, server, podName != null ? podName : HostName.get(env)) : null;
    KafkaClientConfig config = new KafkaClientConfig(groupId, podName, extra,
        summary + (transactionalId != null ? ", exactly once as '" + transactionalId + "'" : ""), transactionalId);
    config.common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
    if (kafka.getSecurity() != null) {
      config.security(path, server, new SecretReader(env));
    }
    return config;
  }

  /** The default consumer group: {@code <metadata.namespace or "default">.<metadata.name>.<server name>}. */
  static String defaultGroupId(Manifest manifest, ServerSpec server) {
    return ConsumerGroupIds.defaultId(manifest.getMetadata().getNamespace(), manifest.getMetadata().getName(),
        server.getName());
  }

  /**
   * The transactional id of a pod's exactly-once server: {@code <namespace or default>.<name>.<server>.<pod>},
   * the same after a restart, so that the new producer fences the old one and aborts its open transaction.
   */
  static String transactionalId(Manifest manifest, ServerSpec server, String pod) {
    return defaultGroupId(manifest, server) + "." + pod;
  }

  /** @return the transactional id, or null with at-least-once delivery */
  String transactionalId() {
    return transactionalId;
  }

  String groupId() {
    return groupId;
  }

  /** @return a description for logs: never a secret */
  String summary() {
    return summary;
  }

  Map<String, Object> consumer(GroupProtocol protocol) {
    Map<String, Object> c = new HashMap<>(common);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + (instanceId != null ? instanceId : UUID.randomUUID().toString().substring(0, 8)));
    if (instanceId != null) {
      c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
    }
    c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol == GroupProtocol.CLASSIC ? "classic" : "consumer");
    if (protocol == GroupProtocol.CLASSIC) {
      c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    putApplicable(c, ConsumerConfig.configNames());
    if (transactionalId != null) {
      c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // after the manifest's: never overridden
    }
    return c;
  }

  Map<String, Object> producer(int maxMessageBytes) {
    Map<String, Object> p = new HashMap<>(common);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-replies" + (instanceId != null ? "-" + instanceId : ""));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes(maxMessageBytes));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    putApplicable(p, ProducerConfig.configNames());
    if (transactionalId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId); // after the manifest's: never overridden
    }
    return p;
  }

  /** @return the producer's max.request.size: room for a value of maxMessageBytes and its headers, at least 1 MiB */
  static int maxRequestBytes(int maxMessageBytes) {
    return Math.max(1024 * 1024, maxMessageBytes + 64 * 1024);
  }

  Map<String, Object> admin() {
    Map<String, Object> a = new HashMap<>(common);
    a.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-admin");
    a.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    a.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    putApplicable(a, AdminClientConfig.configNames());
    return a;
  }

  private void putApplicable(Map<String, Object> target, Set<String> names) {
    extra.forEach((k, v) -> {
      if (names.contains(k)) {
        target.put(k, v);
      }
    });
  }

  private void security(String path, ServerSpec server, SecretReader secrets) {
    KafkaSecuritySpec security = server.getKafka().getSecurity();
    common.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, security.getProtocol().name());
    SaslSpec sasl = security.getSasl();
    if (sasl != null) {
      common.put(SaslConfigs.SASL_MECHANISM, sasl.getMechanism().kafkaName());
    }
    TlsSpec tls = security.getTls();
    if (tls != null) {
      putIfSet(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, tls.getTruststoreType());
      putIfSet(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, tls.getKeystoreType());
    }
    for (SecretReference ref : SecretReferences.of(path, server)) { // in the model's order: the first unreadable one fails
      switch (ref.field()) {
        case SASL_PASSWORD -> common.put(SaslConfigs.SASL_JAAS_CONFIG, sasl.getMechanism().loginModule() + " required username=\""
            + jaasEscape(sasl.getUsername()) + "\" password=\"" + jaasEscape(secrets.read(ref.path(), ref.source())) + "\";");
        case TRUSTSTORE -> common.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, secrets.file(ref.path(), ref.source()));
        case KEYSTORE -> common.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, secrets.file(ref.path(), ref.source()));
        case TRUSTSTORE_PASSWORD -> common.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, secrets.read(ref.path(), ref.source()));
        case KEYSTORE_PASSWORD -> common.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, secrets.read(ref.path(), ref.source()));
        case KEY_PASSWORD -> common.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, secrets.read(ref.path(), ref.source()));
        default -> throw new IllegalStateException(ref.path() + ": not a Kafka secret");
      }
    }
  }

  private void putIfSet(String key, String value) {
    if (value != null) {
      common.put(key, value);
    }
  }

  /** The model's rules (names, managed and secret keys, value types), again for manifests built in code. */
  private static Map<String, String> checkedProperties(String path, Map<String, String> properties) {
    List<Problem> problems = KafkaProperties.problems(path, properties);
    if (!problems.isEmpty()) {
      throw new StartupException(problems.get(0).toString());
    }
    return properties == null ? Map.of() : Map.copyOf(properties);
  }

  private static String jaasEscape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
