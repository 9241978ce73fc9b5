package dev.microservice.localcluster.keda;

import java.nio.file.Path;
import java.util.List;

/** The command lines of KEDA's operator and metrics adapter run on the host, in one place. */
final class KedaFlags {
  private KedaFlags() {}

  /**
   * The operator: every listener on loopback and a free port (KEDA's defaults, :8080 metrics, :8081 health and
   * :9666 gRPC, would clash with other processes and with the adapter), the gRPC metrics service's mutual TLS from
   * {@code certs}, no certificate rotation of its own (it would generate a CA and patch the APIService's caBundle),
   * no leader election (one replica).
   */
  static List<String> operator(Path kubeconfig, Path certs, int metricsPort, int healthPort, int grpcPort) {
    return List.of("--kubeconfig=" + kubeconfig, "--metrics-bind-address=127.0.0.1:" + metricsPort,
        "--health-probe-bind-address=127.0.0.1:" + healthPort, "--metrics-service-bind-address=127.0.0.1:" + grpcPort,
        "--cert-dir=" + certs, "--enable-cert-rotation=false", "--leader-elect=false", "--ca-dir=" + certs,
        "--zap-log-level=info", "--zap-encoder=console", "--zap-time-encoding=iso8601");
  }

  /**
   * The metrics adapter: its secure port on {@code address} (the API server connects there), serving with the
   * certificate in {@code certs} and trusting client certificates of the cluster CA; the API server's proxied requests
   * are authenticated by the front-proxy CA of the kube-system/extension-apiserver-authentication ConfigMap and
   * authorized by SubjectAccessReview, both through the kubeconfig; its gRPC client to the operator uses the same
   * certificate ({@code --cert-dir}); its own /metrics on a free port (it binds all addresses).
   */
  static List<String> adapter(Path kubeconfig, Path certs, String address, int securePort, int metricsPort, int grpcPort) {
    return List.of("--kubeconfig=" + kubeconfig, "--lister-kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig, "--authorization-kubeconfig=" + kubeconfig,
        "--bind-address=" + address, "--secure-port=" + securePort, "--tls-cert-file=" + certs.resolve("tls.crt"),
        "--tls-private-key-file=" + certs.resolve("tls.key"), "--client-ca-file=" + certs.resolve("ca.crt"),
        "--cert-dir=" + certs, "--port=" + metricsPort, "--metrics-service-address=127.0.0.1:" + grpcPort,
        "--zap-log-level=info", "--zap-encoder=console", "--zap-time-encoding=iso8601");
  }
}
