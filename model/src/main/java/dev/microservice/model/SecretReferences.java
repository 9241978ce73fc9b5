package dev.microservice.model;

import java.util.ArrayList;
import java.util.List;

/** The one walk over a manifest's secret fields, for the validator, the runtime and the operator. */
public final class SecretReferences {
  private SecretReferences() {}

  /**
   * @param spec a spec
   * @return every secret field that is set, server by server, with its manifest path
   */
  public static List<SecretReference> of(MicroServiceSpec spec) {
    List<SecretReference> all = new ArrayList<>();
    List<ServerSpec> servers = spec.getServers() == null ? List.of() : spec.getServers();
    for (int i = 0; i < servers.size(); i++) {
      if (servers.get(i) != null) {
        all.addAll(of("spec.servers[" + i + "]", servers.get(i)));
      }
    }
    return all;
  }

  /**
   * @param serverPath the server's path, e.g. {@code spec.servers[1]}
   * @param server the server
   * @return its secret fields that are set
   */
  public static List<SecretReference> of(String serverPath, ServerSpec server) {
    return slots(serverPath, server).stream().filter(r -> r.source() != null).toList();
  }

  /**
   * @return every secret field whose enclosing object (gRPC TLS, SASL, Kafka TLS) is set, even when the
   *     field itself is left out, in {@link SecretField} order
   */
  static List<SecretReference> slots(String serverPath, ServerSpec server) {
    List<SecretReference> slots = new ArrayList<>();
    GrpcTlsSpec grpc = server.getGrpc() == null ? null : server.getGrpc().getTls();
    if (grpc != null) {
      add(slots, serverPath, SecretField.GRPC_CERTIFICATE, grpc.getCertificate());
      add(slots, serverPath, SecretField.GRPC_PRIVATE_KEY, grpc.getPrivateKey());
    }
    KafkaSecuritySpec security = server.getKafka() == null ? null : server.getKafka().getSecurity();
    if (security != null && security.getSasl() != null) {
      add(slots, serverPath, SecretField.SASL_PASSWORD, security.getSasl().getPassword());
    }
    TlsSpec tls = security == null ? null : security.getTls();
    if (tls != null) {
      add(slots, serverPath, SecretField.TRUSTSTORE, tls.getTruststore());
      add(slots, serverPath, SecretField.KEYSTORE, tls.getKeystore());
      add(slots, serverPath, SecretField.TRUSTSTORE_PASSWORD, tls.getTruststorePassword());
      add(slots, serverPath, SecretField.KEYSTORE_PASSWORD, tls.getKeystorePassword());
      add(slots, serverPath, SecretField.KEY_PASSWORD, tls.getKeyPassword());
    }
    return slots;
  }

  private static void add(List<SecretReference> slots, String serverPath, SecretField field, SecretValueSpec source) {
    slots.add(new SecretReference(field.pathIn(serverPath), field, source));
  }
}
