package dev.microservice.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The checks of a server's {@code kafka} part, for {@link ManifestValidator}. */
final class KafkaSpecValidator {
  private static final String ISOLATION_LEVEL = "isolation.level";
  private static final String TOPIC_TEMPLATE = "^[a-zA-Z0-9._{}-]{1,249}$";

  private final List<Problem> problems;

  KafkaSpecValidator(List<Problem> problems) {
    this.problems = problems;
  }

  void validate(String serverPath, KafkaSpecValidator.Ranges ranges, ServerSpec server) {
    String path = serverPath + ".kafka";
    KafkaServerSpec kafka = server.getKafka();
    bootstrap(path + ".bootstrapServers", kafka.getBootstrapServers());
    ranges.check(path + ".concurrency", kafka.getConcurrency(), 1, KafkaServerSpec.MAX_CONCURRENCY);
    if (kafka.getConsumption() == Consumption.SHARE && kafka.getDelivery() == Delivery.EXACTLY_ONCE) {
      add(path + ".consumption", KafkaServerSpec.SHARE_WITHOUT_TRANSACTIONS);
    }
    ranges.check(path + ".maxMessageBytes", kafka.getMaxMessageBytes(), 1, Integer.MAX_VALUE);
    if (kafka.getGroupId() != null && kafka.getGroupId().isBlank()) {
      add(path + ".groupId", "must not be blank; leave it out for the default");
    }
    RetrySpec retry = kafka.getRetry();
    if (retry != null) {
      ranges.check(path + ".retry.maxAttempts", retry.getMaxAttempts(), 1, 100);
      ranges.check(path + ".retry.initialBackoffMillis", retry.getInitialBackoffMillis(), 0, Integer.MAX_VALUE);
      ranges.check(path + ".retry.maxBackoffMillis", retry.getMaxBackoffMillis(), 0, Integer.MAX_VALUE);
      if (retry.getInitialBackoffMillis() != null && retry.getMaxBackoffMillis() != null
          && retry.getInitialBackoffMillis() > retry.getMaxBackoffMillis()) {
        add(path + ".retry.maxBackoffMillis", "must be at least initialBackoffMillis (" + retry.getInitialBackoffMillis() + ")");
      }
      if (retry.getMultiplier() != null && !(retry.getMultiplier() >= 1.0)) {
        add(path + ".retry.multiplier", "must be 1 or more, got " + retry.getMultiplier());
      }
    }
    DeadLetterSpec dlq = kafka.getDeadLetter();
    if (dlq != null && !Boolean.FALSE.equals(dlq.getEnabled())
        && (dlq.getTopic() == null || !dlq.getTopic().matches(TOPIC_TEMPLATE))) {
      add(path + ".deadLetter.topic", Echo.quoted(dlq.getTopic()) + " is not a valid topic name: letters, digits, '.', '_', '-' and '{topic}'");
    }
    if (kafka.getSecurity() != null) {
      security(path + ".security", kafka.getSecurity(), SecretReferences.slots(serverPath, server));
    }
    problems.addAll(KafkaProperties.problems(path + ".properties", kafka.getProperties()));
    if (kafka.getDelivery() == Delivery.EXACTLY_ONCE && kafka.getProperties() != null
        && kafka.getProperties().containsKey(ISOLATION_LEVEL)) {
      add(path + ".properties." + ISOLATION_LEVEL, "managed by the runtime with delivery exactlyOnce (read_committed); remove it");
    }
  }

  private void bootstrap(String path, String servers) {
    if (servers == null || servers.isBlank()) {
      add(path, "is required");
      return;
    }
    for (String entry : servers.split(",", -1)) {
      if (!entry.strip().matches("^[^\\s:]+:\\d{1,5}$")) {
        add(path, "expected host:port entries separated by commas, got " + Echo.quoted(entry.strip()));
      }
    }
  }

  private void security(String path, KafkaSecuritySpec security, List<SecretReference> secrets) {
    SecretChecks checks = new SecretChecks(problems);
    KafkaSecuritySpec.Protocol protocol = security.getProtocol() == null ? KafkaSecuritySpec.Protocol.PLAINTEXT : security.getProtocol();
    if (security.getProtocol() == null) {
      add(path + ".protocol", "must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got null; leave it out for PLAINTEXT");
    }
    boolean sasl = protocol == KafkaSecuritySpec.Protocol.SASL_PLAINTEXT || protocol == KafkaSecuritySpec.Protocol.SASL_SSL;
    if (sasl && security.getSasl() == null) {
      add(path + ".sasl", "is required with protocol " + protocol);
    }
    if (!sasl && security.getSasl() != null) {
      add(path + ".sasl", "needs protocol SASL_PLAINTEXT or SASL_SSL, not " + protocol);
    }
    if (security.getSasl() != null) {
      SaslSpec s = security.getSasl();
      if (s.getMechanism() == null) {
        add(path + ".sasl.mechanism", "must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, got null; leave it out for PLAIN");
      }
      if (s.getUsername() == null || s.getUsername().isBlank()) {
        add(path + ".sasl.username", "is required");
      }
      secrets.stream().filter(r -> r.field() == SecretField.SASL_PASSWORD).forEach(r -> checks.check(r, true));
    }
    TlsSpec tls = security.getTls();
    if (tls != null) {
      if (protocol != KafkaSecuritySpec.Protocol.SSL && protocol != KafkaSecuritySpec.Protocol.SASL_SSL) {
        add(path + ".tls", "needs protocol SSL or SASL_SSL, not " + protocol);
      }
      boolean keystorePasswordRequired = tls.getKeystore() != null && !"PEM".equalsIgnoreCase(tls.getKeystoreType());
      secrets.stream().filter(r -> !r.field().isGrpc() && r.field() != SecretField.SASL_PASSWORD)
          .forEach(r -> checks.check(r, r.field() == SecretField.KEYSTORE_PASSWORD && keystorePasswordRequired));
      Map<SecretField, SecretReference> byField = new EnumMap<>(SecretField.class);
      secrets.forEach(r -> byField.put(r.field(), r));
      storePassword(byField.get(SecretField.TRUSTSTORE_PASSWORD), byField.get(SecretField.TRUSTSTORE), tls.getTruststoreType());
      storePassword(byField.get(SecretField.KEYSTORE_PASSWORD), byField.get(SecretField.KEYSTORE), tls.getKeystoreType());
    }
  }

  /** Kafka's SSL rules: a store's password needs the store, and a PEM store has none (only the key may have one). */
  private void storePassword(SecretReference password, SecretReference store, String type) {
    if (password.source() == null) {
      return;
    }
    String storeName = store.field().fieldName();
    if (store.source() == null) {
      add(password.path(), "needs tls." + storeName + ": Kafka refuses a store password without the store; remove it or set the store");
    } else if ("PEM".equalsIgnoreCase(type)) {
      add(password.path(), "must not be set with " + storeName + "Type PEM: Kafka refuses a password for a PEM store"
          + (store.field() == SecretField.KEYSTORE ? "; an encrypted key's password belongs in " + SecretField.KEY_PASSWORD.fieldName() : ""));
    }
  }

  private void add(String path, String message) {
    problems.add(new Problem(path, message));
  }

  /** Range checks shared with {@link ManifestValidator}. */
  interface Ranges {
    boolean check(String path, Integer value, int min, int max);
  }
}
