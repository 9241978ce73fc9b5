package dev.microservice.localcluster;

import java.nio.file.Path;
import java.util.ArrayList;
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

  /** The common name of the front proxy's client certificate, the one name allowed to assert users in headers. */
  static final String FRONT_PROXY_CLIENT = "front-proxy-client";
  /** The HPA controller's sync period: the product default is 15 s; tests want scaling seen in seconds. */
  static final String HPA_SYNC_PERIOD = "5s";
  /**
   * The HPA controller's downscale stabilization window (default 5 min). It applies to an HPA with no
   * {@code spec.behavior} (pkg/controller/podautoscaler/horizontal.go stabilizeRecommendation) and to one whose
   * {@code behavior.scaleDown.stabilizationWindowSeconds} is unset (API defaulting leaves it nil; the controller fills
   * it from this flag), as KEDA's HPA is unless a ScaledObject sets its advanced.horizontalPodAutoscalerConfig.
   */
  static final String HPA_DOWNSCALE_STABILIZATION = "20s";

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
      Pki.KeyFiles kubeletClient, Path frontProxyCa, Pki.KeyFiles frontProxyClient) {
    Path policy = dir.resolve("audit-policy.yaml");
    LocalCluster.write(policy, AUDIT_POLICY);
    List<String> flags = new ArrayList<>(List.of("--etcd-servers=http://127.0.0.1:" + etcdPort, "--bind-address=127.0.0.1", "--secure-port=" + port,
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
        "--kubelet-certificate-authority=" + ca, "--kubelet-preferred-address-types=InternalIP,Hostname"));
    flags.addAll(aggregationLayer(frontProxyCa, frontProxyClient));
    return flags;
  }

  /**
   * The aggregation layer, for API servers registered by APIService (KEDA's metrics adapter serves
   * external.metrics.k8s.io): the apiserver proxies their requests with the front proxy's client certificate and the
   * user in X-Remote-* headers, which they trust for certificates of the front-proxy CA with the allowed name (the
   * apiserver publishes both in the kube-system/extension-apiserver-authentication ConfigMap). There is no kube-proxy,
   * so a Service's ClusterIP leads nowhere: the apiserver sends to an endpoint's IP itself (aggregator routing).
   */
  private static List<String> aggregationLayer(Path frontProxyCa, Pki.KeyFiles frontProxyClient) {
    return List.of("--requestheader-client-ca-file=" + frontProxyCa,
        "--requestheader-allowed-names=" + FRONT_PROXY_CLIENT, "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group", "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--proxy-client-cert-file=" + frontProxyClient.cert(), "--proxy-client-key-file=" + frontProxyClient.key(),
        "--enable-aggregator-routing=true");
  }

  static List<String> controllerManager(Path kubeconfig, int port, Path ca, Pki.KeyFiles sa) {
    return List.of("--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--bind-address=127.0.0.1", "--secure-port=" + port,
        "--service-account-private-key-file=" + sa.key(), "--root-ca-file=" + ca, "--use-service-account-credentials=true",
        "--service-cluster-ip-range=" + LocalCluster.SERVICE_CIDR, "--leader-elect=false", "--profiling=false", "--v=1",
        "--horizontal-pod-autoscaler-sync-period=" + HPA_SYNC_PERIOD,
        "--horizontal-pod-autoscaler-downscale-stabilization=" + HPA_DOWNSCALE_STABILIZATION);
  }

  static List<String> scheduler(Path kubeconfig, int port) {
    return List.of("--kubeconfig=" + kubeconfig, "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig, "--bind-address=127.0.0.1", "--secure-port=" + port,
        "--leader-elect=false", "--profiling=false", "--v=1");
  }
}
