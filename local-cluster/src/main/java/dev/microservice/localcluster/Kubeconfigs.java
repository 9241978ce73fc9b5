package dev.microservice.localcluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for the components and kubectl, and fabric8 client configurations. */
final class Kubeconfigs {
  private Kubeconfigs() {}

  /** Writes a kubeconfig that authenticates with a client certificate. */
  static Path write(Path file, String server, Path ca, Pki.KeyFiles identity) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster:
            server: %s
            certificate-authority: "%s"
        users:
        - name: user
          user:
            client-certificate: "%s"
            client-key: "%s"
        contexts:
        - name: local
          context: {cluster: local, user: user}
        current-context: local
        """.formatted(server, escape(ca), escape(identity.cert()), escape(identity.key()));
    try {
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A fabric8 configuration that authenticates with a client certificate. */
  static Config certificate(String server, Path ca, Pki.KeyFiles identity) {
    return base(server, ca).withClientCertFile(identity.cert().toString()).withClientKeyFile(identity.key().toString()).build();
  }

  /** A fabric8 configuration that authenticates with a bearer token. */
  static Config token(String server, Path ca, String token) {
    return base(server, ca).withOauthToken(token).build();
  }

  private static ConfigBuilder base(String server, Path ca) {
    // Not read from ~/.kube/config or the environment: only what the cluster gives.
    return new ConfigBuilder(Config.empty()).withMasterUrl(server).withCaCertFile(ca.toString())
        .withRequestTimeout(30_000).withConnectionTimeout(10_000);
  }

  private static String escape(Path path) {
    return path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
