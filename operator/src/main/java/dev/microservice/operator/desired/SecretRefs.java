package dev.microservice.operator.desired;

import dev.microservice.model.GrpcTlsSpec;
import dev.microservice.model.KafkaSecuritySpec;
import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.TlsSpec;
import java.util.ArrayList;
import java.util.List;

/** Finds every Secret reference of a spec, with its manifest path. */
public final class SecretRefs {
  /** Where the operator mounts referenced Secrets: one directory per Secret. */
  public static final String MOUNT_ROOT = "/etc/microservice/secrets";

  /**
   * A secret source and its path.
   *
   * @param path e.g. spec.servers[1].kafka.security.sasl.password
   * @param source the source; {@code source.getSecretKeyRef()} may be null
   */
  public record Found(String path, SecretValueSpec source) {}

  private SecretRefs() {}

  /** @return every secret source in the spec that references a Kubernetes Secret */
  public static List<Found> of(MicroServiceSpec spec) {
    List<Found> all = new ArrayList<>();
    List<ServerSpec> servers = spec.getServers() == null ? List.of() : spec.getServers();
    for (int i = 0; i < servers.size(); i++) {
      ServerSpec s = servers.get(i);
      String p = "spec.servers[" + i + "]";
      if (s.getGrpc() != null && s.getGrpc().getTls() != null) {
        GrpcTlsSpec tls = s.getGrpc().getTls();
        add(all, p + ".grpc.tls.certificate", tls.getCertificate());
        add(all, p + ".grpc.tls.privateKey", tls.getPrivateKey());
      }
      KafkaSecuritySpec security = s.getKafka() == null ? null : s.getKafka().getSecurity();
      if (security != null && security.getSasl() != null) {
        add(all, p + ".kafka.security.sasl.password", security.getSasl().getPassword());
      }
      if (security != null && security.getTls() != null) {
        TlsSpec tls = security.getTls();
        String t = p + ".kafka.security.tls";
        add(all, t + ".truststore", tls.getTruststore());
        add(all, t + ".truststorePassword", tls.getTruststorePassword());
        add(all, t + ".keystore", tls.getKeystore());
        add(all, t + ".keystorePassword", tls.getKeystorePassword());
        add(all, t + ".keyPassword", tls.getKeyPassword());
      }
    }
    return all;
  }

  /** @return the file the runtime reads a Secret key from */
  public static String mountedFile(String secret, String key) {
    return MOUNT_ROOT + "/" + secret + "/" + key;
  }

  private static void add(List<Found> all, String path, SecretValueSpec source) {
    if (source != null && source.getSecretKeyRef() != null) {
      all.add(new Found(path, source));
    }
  }
}
