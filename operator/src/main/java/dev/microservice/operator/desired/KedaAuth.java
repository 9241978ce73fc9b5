package dev.microservice.operator.desired;

import dev.microservice.model.Consumption;
import dev.microservice.model.KafkaSecuritySpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.Problem;
import dev.microservice.model.SecretReference;
import dev.microservice.model.SecretReferences;
import dev.microservice.model.ServerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How KEDA's kafka scaler reaches each lag-measured Kafka server: the trigger's tls and sasl settings, and the
 * TriggerAuthentication parameters taken from the SAME Secret keys the runtime mounts (a reference, never a value).
 * What the scaler cannot read (JKS or PKCS12 stores, file or env sources, an encrypted key, a share group) is a
 * problem naming the field; one TriggerAuthentication serves a MicroService, so its servers must agree on it.
 */
public final class KedaAuth {
  /**
   * A TriggerAuthentication secretTargetRef.
   *
   * @param parameter the scaler's parameter (password, ca, cert, key)
   * @param secret the Secret's name
   * @param key the key in the Secret
   */
  public record SecretParam(String parameter, String secret, String key) {}

  /**
   * A Kafka server whose consumer group's lag KEDA measures.
   *
   * @param path its manifest path, e.g. spec.servers[1]
   * @param server the server
   */
  public record LagServer(String path, ServerSpec server) {}

  private final Map<String, Map<String, String>> metadata = new LinkedHashMap<>();
  private final Map<String, SecretParam> secrets = new LinkedHashMap<>();
  private final Map<String, String> firstPath = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private String username;

  private KedaAuth() {}

  /** @return the MicroService's Kafka servers with consumption 'group', in manifest order */
  public static List<LagServer> lagServers(MicroService ms) {
    List<LagServer> found = new ArrayList<>();
    List<ServerSpec> servers = ms.getSpec().getServers();
    for (int i = 0; i < servers.size(); i++) {
      ServerSpec s = servers.get(i);
      if (s.getKafka() != null && s.getKafka().getConsumption() != Consumption.SHARE) {
        found.add(new LagServer("spec.servers[" + i + "]", s));
      }
    }
    return found;
  }

  /** @return how KEDA reaches the MicroService's lag-measured servers, and what it cannot express */
  public static KedaAuth of(MicroService ms) {
    KedaAuth auth = new KedaAuth();
    List<ServerSpec> servers = ms.getSpec().getServers();
    for (int i = 0; i < servers.size(); i++) {
      ServerSpec s = servers.get(i);
      if (s.getKafka() != null && s.getKafka().getConsumption() == Consumption.SHARE
          && ms.getSpec().getAutoscaling() != null && ms.getSpec().getAutoscaling().effectiveMinReplicas() == 0) {
        auth.problems.add(new Problem("spec.servers[" + i + "].kafka.consumption", "KEDA's kafka scaler measures a"
            + " consumer group's lag, not a share group's: records on these topics could not wake a MicroService"
            + " scaled to zero; set minReplicas to 1 or more"));
      }
    }
    for (LagServer lag : lagServers(ms)) {
      auth.add(lag);
    }
    return auth;
  }

  private void add(LagServer lag) {
    KafkaSecuritySpec security = lag.server().getKafka().getSecurity();
    Map<String, String> meta = new LinkedHashMap<>();
    metadata.put(lag.server().getName(), meta);
    if (security == null || security.getProtocol() == KafkaSecuritySpec.Protocol.PLAINTEXT) {
      return;
    }
    String path = lag.path() + ".kafka.security";
    if (security.getProtocol() == KafkaSecuritySpec.Protocol.SSL || security.getProtocol() == KafkaSecuritySpec.Protocol.SASL_SSL) {
      meta.put("tls", "enable");
    }
    if (security.getSasl() != null) {
      meta.put("sasl", switch (security.getSasl().getMechanism()) {
        case PLAIN -> "plaintext";
        case SCRAM_SHA_256 -> "scram_sha256";
        case SCRAM_SHA_512 -> "scram_sha512";
      });
      if (username != null && !username.equals(security.getSasl().getUsername())) {
        problems.add(new Problem(path + ".sasl.username", "differs from " + firstPath.get("username")
            + ": KEDA gets one TriggerAuthentication per MicroService"));
      } else {
        username = security.getSasl().getUsername();
        firstPath.putIfAbsent("username", path + ".sasl.username");
      }
    }
    for (SecretReference ref : SecretReferences.of(lag.path(), lag.server())) {
      switch (ref.field()) {
        case SASL_PASSWORD -> fromSecret(ref, "password");
        case TRUSTSTORE -> pem(ref, security.getTls().getTruststoreType(), "ca");
        case KEYSTORE -> pem(ref, security.getTls().getKeystoreType(), "cert", "key");
        default -> problems.add(new Problem(ref.path(), "KEDA's kafka scaler reads PEM stores without a store"
            + " password and an unencrypted private key only; it cannot use this field"));
      }
    }
  }

  private void pem(SecretReference ref, String type, String... parameters) {
    if (type == null || !type.equalsIgnoreCase("PEM")) {
      problems.add(new Problem(ref.path(), "KEDA's kafka scaler reads PEM only; a " + (type == null ? "JKS" : type)
          + " store cannot be given to it (set the store's type to PEM to autoscale on Kafka lag)"));
      return;
    }
    fromSecret(ref, parameters);
  }

  private void fromSecret(SecretReference ref, String... parameters) {
    if (!ref.referencesSecret()) {
      problems.add(new Problem(ref.path(), "KEDA reads secrets from Kubernetes Secrets only; a "
          + (ref.source().getFile() != null ? "file" : "env") + " source is read by the runtime in its pod, which KEDA"
          + " cannot do (use secretKeyRef to autoscale on Kafka lag)"));
      return;
    }
    for (String parameter : parameters) {
      SecretParam param = new SecretParam(parameter, ref.secretKeyRef().getName(), ref.secretKeyRef().getKey());
      SecretParam before = secrets.putIfAbsent(parameter, param);
      if (before != null && !Objects.equals(before, param)) {
        problems.add(new Problem(ref.path(), "differs from " + firstPath.get(parameter)
            + ": KEDA gets one TriggerAuthentication per MicroService"));
      } else {
        firstPath.putIfAbsent(parameter, ref.path());
      }
    }
  }

  /** @return the trigger metadata for a lag-measured server (tls, sasl), empty for PLAINTEXT */
  public Map<String, String> metadata(ServerSpec server) {
    return metadata.getOrDefault(server.getName(), Map.of());
  }

  /** @return the Secret keys the TriggerAuthentication names, one per scaler parameter */
  public List<SecretParam> secretTargets() {
    return List.copyOf(secrets.values());
  }

  /** @return the SASL username, or null without SASL */
  public String username() {
    return username;
  }

  /** @return whether the triggers need a TriggerAuthentication */
  public boolean needed() {
    return !secrets.isEmpty() || username != null;
  }

  /** @return what KEDA cannot express, field by field; empty when it can express everything */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }
}
