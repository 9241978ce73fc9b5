package dev.microservice.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka consumer, producer and admin client properties of the runtime's kafka-clients (4.4.0),
 * each with its type; a runtime test keeps this list equal to the clients' own.
 */
public final class KafkaClientProperties {
  private static final String TABLE = """
      acks STRING
      allow.auto.create.topics BOOLEAN
      auto.commit.interval.ms INT
      auto.offset.reset STRING
      batch.size INT
      bootstrap.controllers LIST
      bootstrap.resolve.timeout.ms LONG
      bootstrap.servers LIST
      buffer.memory LONG
      buffer.memory.allocation.strategy STRING
      check.crcs BOOLEAN
      client.dns.lookup STRING
      client.id STRING
      client.rack STRING
      compression.gzip.level INT
      compression.lz4.level INT
      compression.type STRING
      compression.zstd.level INT
      config.providers LIST
      connections.max.idle.ms LONG
      default.api.timeout.ms INT
      delivery.timeout.ms INT
      enable.auto.commit BOOLEAN
      enable.idempotence BOOLEAN
      enable.metrics.push BOOLEAN
      exclude.internal.topics BOOLEAN
      fetch.max.bytes INT
      fetch.max.wait.ms INT
      fetch.min.bytes INT
      group.id STRING
      group.instance.id STRING
      group.protocol STRING
      group.remote.assignor STRING
      heartbeat.interval.ms INT
      interceptor.classes LIST
      internal.throw.on.fetch.stable.offset.unsupported BOOLEAN
      isolation.level STRING
      key.deserializer CLASS
      key.serializer CLASS
      linger.ms LONG
      max.block.ms LONG
      max.in.flight.requests.per.connection INT
      max.partition.fetch.bytes INT
      max.poll.interval.ms INT
      max.poll.records INT
      max.request.size INT
      metadata.cluster.check.enable BOOLEAN
      metadata.max.age.ms LONG
      metadata.max.idle.ms LONG
      metadata.recovery.rebootstrap.trigger.ms LONG
      metadata.recovery.strategy STRING
      metric.reporters LIST
      metrics.num.samples INT
      metrics.recording.level STRING
      metrics.sample.window.ms LONG
      partition.assignment.strategy LIST
      partitioner.adaptive.partitioning.enable BOOLEAN
      partitioner.availability.timeout.ms LONG
      partitioner.class CLASS
      partitioner.ignore.keys BOOLEAN
      partitioner.rack.aware BOOLEAN
      receive.buffer.bytes INT
      reconnect.backoff.max.ms LONG
      reconnect.backoff.ms LONG
      request.timeout.ms INT
      retries INT
      retry.backoff.max.ms LONG
      retry.backoff.ms LONG
      sasl.client.callback.handler.class CLASS
      sasl.jaas.config PASSWORD
      sasl.kerberos.kinit.cmd STRING
      sasl.kerberos.min.time.before.relogin LONG
      sasl.kerberos.service.name STRING
      sasl.kerberos.ticket.renew.jitter DOUBLE
      sasl.kerberos.ticket.renew.window.factor DOUBLE
      sasl.login.callback.handler.class CLASS
      sasl.login.class CLASS
      sasl.login.connect.timeout.ms INT
      sasl.login.read.timeout.ms INT
      sasl.login.refresh.buffer.seconds SHORT
      sasl.login.refresh.min.period.seconds SHORT
      sasl.login.refresh.window.factor DOUBLE
      sasl.login.refresh.window.jitter DOUBLE
      sasl.login.retry.backoff.max.ms LONG
      sasl.login.retry.backoff.ms LONG
      sasl.mechanism STRING
      sasl.oauthbearer.allow.unverified.audience BOOLEAN
      sasl.oauthbearer.allow.unverified.issuer BOOLEAN
      sasl.oauthbearer.assertion.algorithm STRING
      sasl.oauthbearer.assertion.claim.aud STRING
      sasl.oauthbearer.assertion.claim.exp.seconds INT
      sasl.oauthbearer.assertion.claim.iss STRING
      sasl.oauthbearer.assertion.claim.jti.include BOOLEAN
      sasl.oauthbearer.assertion.claim.nbf.seconds INT
      sasl.oauthbearer.assertion.claim.sub STRING
      sasl.oauthbearer.assertion.file STRING
      sasl.oauthbearer.assertion.private.key.file STRING
      sasl.oauthbearer.assertion.private.key.passphrase PASSWORD
      sasl.oauthbearer.assertion.template.file STRING
      sasl.oauthbearer.client.credentials.client.id STRING
      sasl.oauthbearer.client.credentials.client.secret PASSWORD
      sasl.oauthbearer.clock.skew.seconds INT
      sasl.oauthbearer.expected.audience LIST
      sasl.oauthbearer.expected.issuer STRING
      sasl.oauthbearer.header.urlencode BOOLEAN
      sasl.oauthbearer.jwks.endpoint.refresh.ms LONG
      sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms LONG
      sasl.oauthbearer.jwks.endpoint.retry.backoff.ms LONG
      sasl.oauthbearer.jwks.endpoint.url STRING
      sasl.oauthbearer.jwt.retriever.class CLASS
      sasl.oauthbearer.jwt.validator.class CLASS
      sasl.oauthbearer.scope STRING
      sasl.oauthbearer.scope.claim.name STRING
      sasl.oauthbearer.sub.claim.name STRING
      sasl.oauthbearer.token.endpoint.url STRING
      security.protocol STRING
      security.providers STRING
      send.buffer.bytes INT
      session.timeout.ms INT
      share.acknowledgement.mode STRING
      share.acquire.mode STRING
      socket.connection.setup.timeout.max.ms LONG
      socket.connection.setup.timeout.ms LONG
      ssl.cipher.suites LIST
      ssl.enabled.protocols LIST
      ssl.endpoint.identification.algorithm STRING
      ssl.engine.factory.class CLASS
      ssl.key.password PASSWORD
      ssl.keymanager.algorithm STRING
      ssl.keystore.certificate.chain PASSWORD
      ssl.keystore.key PASSWORD
      ssl.keystore.location STRING
      ssl.keystore.password PASSWORD
      ssl.keystore.type STRING
      ssl.protocol STRING
      ssl.provider STRING
      ssl.secure.random.implementation STRING
      ssl.trustmanager.algorithm STRING
      ssl.truststore.certificates PASSWORD
      ssl.truststore.location STRING
      ssl.truststore.password PASSWORD
      ssl.truststore.type STRING
      transaction.timeout.ms INT
      transaction.two.phase.commit.enable BOOLEAN
      transactional.id STRING
      value.deserializer CLASS
      value.serializer CLASS
      """;

  private static final Map<String, String> TYPES = parse();

  private KafkaClientProperties() {}

  /** @return every property name and its type (BOOLEAN, INT, SHORT, LONG, DOUBLE, STRING, LIST, CLASS or PASSWORD) */
  public static Map<String, String> types() {
    return TYPES;
  }

  /** @return the type of a property, or null when no Kafka client knows it */
  static String typeOf(String key) {
    return TYPES.get(key);
  }

  private static Map<String, String> parse() {
    Map<String, String> types = new LinkedHashMap<>();
    TABLE.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
      int space = l.indexOf(' ');
      types.put(l.substring(0, space), l.substring(space + 1));
    });
    return Collections.unmodifiableMap(types);
  }
}
