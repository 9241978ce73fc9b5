package dev.microservice.localcluster;

import java.nio.file.Path;
import java.util.List;

/** The command lines of the control-plane components, in one place. */
final class ControlPlaneFlags {
  /** Record every request once it completes: writes with their body, reads (not watches) with metadata only. */
  private static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: [RequestReceived, ResponseStarted]
      rules:
      - level: None
        verbs: [watch]
      - level: Metadata
        verbs: [get, list]
      - level: Request
      """;

  private ControlPlaneFlags() {}

  static List<String> etcd(Path dir, int clientPort, int peerPort) {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    return List.of("--name=local", "--data-dir=" + dir.resolve("etcd"), "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client, "--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=local=" + peer, "--initial-cluster-state=new", "--unsafe-no-fsync=true",
        "--log-level=warn");
  }

  static List<String> apiserver(Path dir, int port, int etcdPort, Path ca, Pki.KeyFiles serving, Pki.KeyFiles sa,
      Pki.KeyFiles kubeletClient) {
    Path policy = dir.resolve("audit-policy.yaml");
    LocalCluster.write(policy, AUDIT_POLICY);
    return List.of("--etcd-servers=http://127.0.0.1:" + etcdPort, "--bind-address=127.0.0.1", "--secure-port=" + port,
        "--advertise-address=127.0.0.1",
        // An Endpoints object may not hold a loopback address, so the apiserver does not publish its own.
        "--endpoint-reconciler-type=none",
        "--tls-cert-file=" + serving.cert(), "--tls-private-key-file=" + serving.key(), "--client-ca-file=" + ca,
        "--authorization-mode=Node,RBAC", "--enable-admission-plugins=NodeRestriction",
        "--service-account-issuer=https://kubernetes.default.svc", "--service-account-key-file=" + sa.cert(),
        "--service-account-signing-key-file=" + sa.key(), "--service-cluster-ip-range=" + LocalCluster.SERVICE_CIDR,
        "--allow-privileged=true", "--audit-policy-file=" + policy, "--audit-log-path=" + dir.resolve("audit.log"),
        "--audit-log-format=json", "--audit-log-mode=blocking", "--profiling=false", "--v=1",
        // Logs, exec and port-forward go to the kubelet (a KubeletNode): as this client (bound to
        // system:kubelet-api-admin), to the node's InternalIP (its name resolves nowhere), checking the kubelet's
        // serving certificate against the cluster CA.
        "--kubelet-client-certificate=" + kubeletClient.cert(), "--kubelet-client-key=" + kubeletClient.key(),
        "--kubelet-certificate-authority=" + ca, "--kubelet-preferred-address-types=InternalIP,Hostname");
  }

  static List<String> controllerManager(Path kubeconfig, int port, Path ca, Pki.KeyFiles sa) {
    return List.of("--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--bind-address=127.0.0.1", "--secure-port=" + port,
        "--service-account-private-key-file=" + sa.key(), "--root-ca-file=" + ca, "--use-service-account-credentials=true",
        "--service-cluster-ip-range=" + LocalCluster.SERVICE_CIDR, "--leader-elect=false", "--profiling=false", "--v=1");
  }

  static List<String> scheduler(Path kubeconfig, int port) {
    return List.of("--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--bind-address=127.0.0.1", "--secure-port=" + port,
        "--leader-elect=false", "--profiling=false", "--v=1");
  }
}
