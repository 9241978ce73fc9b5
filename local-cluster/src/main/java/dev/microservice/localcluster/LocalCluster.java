package dev.microservice.localcluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane run as local processes: etcd, kube-apiserver (RBAC and Node authorization,
 * NodeRestriction, an audit log, service-account tokens), kube-controller-manager (garbage collector, Deployment,
 * ReplicaSet, namespace, service-account controllers...) and kube-scheduler, in a temporary directory with generated
 * certificates. No kubelet of its own: nodes are registered by the tests ({@link RegisteredNode}) or run a real kubelet
 * ({@code dev.microservice.localcluster.node.KubeletNode}).
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  /** The Service ClusterIP range; the kubernetes Service takes its first address. */
  public static final String SERVICE_CIDR = "10.0.0.0/24";
  /** The user of the apiserver's client certificate towards kubelets, bound to {@code system:kubelet-api-admin}. */
  static final String KUBELET_CLIENT_USER = "kube-apiserver-kubelet-client";

  /**
   * What a kubelet needs to join this cluster, as files.
   *
   * @param kubeconfig a kubeconfig authenticating as {@code system:node:<name>} in group {@code system:nodes}
   * @param servingCert the kubelet's serving certificate, signed by the cluster CA for the node's name and addresses
   * @param servingKey its key
   * @param ca the cluster CA, which signed the apiserver's client certificate towards kubelets
   */
  public record NodeCredentials(Path kubeconfig, Path servingCert, Path servingKey, Path ca) {}

  /**
   * A certificate and its key as PEM files, and the CA that signed it.
   *
   * @param cert the certificate
   * @param key its private key
   * @param ca the cluster CA
   */
  public record CertificateFiles(Path cert, Path key, Path ca) {}

  private final Path dir;
  private final Pki pki;
  private final String server;
  private final List<ComponentProcess> processes = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final KubernetesBinaries binaries;
  private KubernetesClient admin;

  private LocalCluster(Path dir, KubernetesBinaries binaries, int apiPort) {
    this.dir = dir;
    this.binaries = binaries;
    this.pki = Pki.create(dir);
    this.server = "https://127.0.0.1:" + apiPort;
  }

  /**
   * Starts a cluster and waits until the apiserver's /readyz answers ok and the default ServiceAccount exists.
   *
   * @return the running cluster; close it to stop every process and delete its directory
   */
  public static LocalCluster start() {
    KubernetesBinaries binaries = KubernetesBinaries.locate();
    Path dir;
    try {
      dir = Files.createTempDirectory("local-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalCluster cluster = new LocalCluster(dir, binaries, FreePorts.next());
    // If the JVM ends without close() (SIGTERM, Ctrl-C), the components must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopProcesses, "local-cluster-shutdown"));
    try {
      cluster.boot();
      return cluster;
    } catch (RuntimeException | Error e) {
      LOG.error("The local cluster did not start; component logs:\n{}", cluster.logTails(40));
      cluster.close();
      throw e;
    }
  }

  private void boot() {
    long started = System.nanoTime();
    Pki.KeyFiles serving = pki.server("apiserver", List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local", "localhost"), List.of("127.0.0.1", "10.0.0.1"));
    Pki.KeyFiles sa = pki.serviceAccountKeys();
    Pki.KeyFiles adminCert = pki.client("admin", "local-cluster-admin", List.of("system:masters"));
    int etcdPort = FreePorts.next();
    processes.add(ComponentProcess.start("etcd", binaries.path("etcd"), ControlPlaneFlags.etcd(dir, etcdPort, FreePorts.next()), dir));
    Pki.KeyFiles kubeletClient = pki.client("apiserver-kubelet-client", KUBELET_CLIENT_USER, List.of());
    Pki frontProxy = Pki.create(dir, "front-proxy-ca", "local-cluster-front-proxy-ca");
    Pki.KeyFiles frontProxyClient = frontProxy.client("front-proxy-client", ControlPlaneFlags.FRONT_PROXY_CLIENT, List.of());
    processes.add(ComponentProcess.start("kube-apiserver", binaries.path("kube-apiserver"),
        ControlPlaneFlags.apiserver(dir, port(), etcdPort, pki.caCert(), serving, sa, kubeletClient, frontProxy.caCert(),
            frontProxyClient), dir));
    admin = client(Kubeconfigs.certificate(server, pki.caCert(), adminCert));
    Kubeconfigs.write(dir.resolve("admin.kubeconfig"), server, pki.caCert(), adminCert);
    awaitReady();
    // pods/log, exec, port-forward: the kubelet authorizes the apiserver's requests by SubjectAccessReview.
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName("local-cluster:kube-apiserver-kubelet-client").endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole")
        .withName("system:kubelet-api-admin").endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(KUBELET_CLIENT_USER)
        .endSubject().build()).create();
    Path kcm = Kubeconfigs.write(dir.resolve("controller-manager.kubeconfig"), server, pki.caCert(),
        pki.client("controller-manager", "system:kube-controller-manager", List.of()));
    processes.add(ComponentProcess.start("kube-controller-manager", binaries.path("kube-controller-manager"),
        ControlPlaneFlags.controllerManager(kcm, FreePorts.next(), pki.caCert(), sa), dir));
    Path scheduler = Kubeconfigs.write(dir.resolve("scheduler.kubeconfig"), server, pki.caCert(),
        pki.client("scheduler", "system:kube-scheduler", List.of()));
    processes.add(ComponentProcess.start("kube-scheduler", binaries.path("kube-scheduler"),
        ControlPlaneFlags.scheduler(scheduler, FreePorts.next()), dir));
    // The service-account controller runs: a namespace's default ServiceAccount proves the controllers work.
    await("the default ServiceAccount (kube-controller-manager)").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200)).failFast("a component exited", this::anyExited)
        .until(() -> admin.serviceAccounts().inNamespace("default").withName("default").get() != null);
    LOG.info("Local cluster {} (Kubernetes {}, etcd {}) ready in {} ms; files in {}", server, binaries.kubernetesVersion(),
        binaries.etcdVersion(), (System.nanoTime() - started) / 1_000_000, dir);
  }

  private void awaitReady() {
    await("kube-apiserver /readyz").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
        .failFast("a component exited", this::anyExited).ignoreExceptions()
        .until(() -> "ok".equals(admin.raw("/readyz")));
  }

  private boolean anyExited() {
    return processes.stream().anyMatch(p -> !p.isAlive());
  }

  private int port() {
    return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
  }

  /** @return the apiserver's URL, https://127.0.0.1:port */
  public String server() {
    return server;
  }

  /** @return a client as a cluster admin (group system:masters); closed with the cluster */
  public KubernetesClient admin() {
    return admin;
  }

  /** @return the kubeconfig file of the admin, for kubectl */
  public Path adminKubeconfig() {
    return dir.resolve("admin.kubeconfig");
  }

  /** @return the kubectl binary of the same version */
  public Path kubectl() {
    return binaries.path("kubectl");
  }

  /** @return the binaries this cluster runs */
  public KubernetesBinaries binaries() {
    return binaries;
  }

  /** @return the audit log of every request but watches */
  public AuditLog auditLog() {
    return new AuditLog(dir.resolve("audit.log"));
  }

  /**
   * A client authenticated as a ServiceAccount with a bound token (TokenRequest), as a pod of it would be.
   * The ServiceAccount is created if missing.
   *
   * @param namespace the ServiceAccount's namespace (must exist)
   * @param name its name
   * @return the client; closed with the cluster
   */
  public KubernetesClient serviceAccountClient(String namespace, String name) {
    return client(serviceAccountConfig(namespace, name));
  }

  /**
   * The configuration of {@link #serviceAccountClient}, for a client built with extra options (interceptors).
   *
   * @param namespace the ServiceAccount's namespace (must exist)
   * @param name its name
   * @return a configuration with a bound token valid for a day
   */
  public Config serviceAccountConfig(String namespace, String name) {
    if (admin.serviceAccounts().inNamespace(namespace).withName(name).get() == null) {
      admin.serviceAccounts().inNamespace(namespace)
          .resource(new ServiceAccountBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }
    TokenRequest request = admin.serviceAccounts().inNamespace(namespace).withName(name).tokenRequest(
        new TokenRequestBuilder().withNewSpec().withExpirationSeconds(24 * 3600L).endSpec().build());
    return Kubeconfigs.token(server, pki.caCert(), request.getStatus().getToken());
  }

  /**
   * A client authenticated as a node (user {@code system:node:<name>}, group {@code system:nodes}), which the Node
   * authorizer and the NodeRestriction admission plugin limit to that node and its pods.
   *
   * @param node the node's name
   * @return the client; closed with the cluster
   */
  public KubernetesClient nodeClient(String node) {
    return client(Kubeconfigs.certificate(server, pki.caCert(), pki.node(node)));
  }

  /**
   * Issues a kubelet's credentials: a client certificate for {@code system:node:<name>} (group {@code system:nodes})
   * in a kubeconfig, and a serving certificate for the node's name and addresses, both signed by the cluster CA.
   *
   * @param node the node's name
   * @param ips the node's addresses, which the apiserver connects to
   * @return the files, in this cluster's directory
   */
  public NodeCredentials issueNodeCredentials(String node, List<String> ips) {
    Path kubeconfig = Kubeconfigs.write(dir.resolve("node-" + node + ".kubeconfig"), server, pki.caCert(), pki.node(node));
    Pki.KeyFiles serving = pki.kubeletServing(node, ips);
    return new NodeCredentials(kubeconfig, serving.cert(), serving.key(), pki.caCert());
  }

  /**
   * Writes a kubeconfig authenticating with a client certificate signed by the cluster CA, for a component run on the
   * host (e.g. KEDA's operator) that should have just what RBAC grants its user. A ServiceAccount's user name
   * ({@code system:serviceaccount:<namespace>:<name>}, groups {@code system:serviceaccounts} and
   * {@code system:serviceaccounts:<namespace>}) makes bindings to that ServiceAccount apply, with no token to expire.
   *
   * @param name the file's base name in this cluster's directory
   * @param user the certificate's common name, the user
   * @param groups its organizations, the groups
   * @return the kubeconfig file
   */
  public Path issueKubeconfig(String name, String user, List<String> groups) {
    return Kubeconfigs.write(dir.resolve(name + ".kubeconfig"), server, pki.caCert(), pki.client(name, user, groups));
  }

  /**
   * Issues a certificate signed by the cluster CA for both server and client authentication, for the given names and
   * addresses: for host processes that serve TLS (checked against {@link #caPem()}) and talk mutual TLS to each other.
   *
   * @param name the files' base name in this cluster's directory
   * @param dnsNames DNS names (the first is the common name)
   * @param ips IP addresses
   * @return the files
   */
  public CertificateFiles issueServingCertificate(String name, List<String> dnsNames, List<String> ips) {
    Pki.KeyFiles files = pki.serverAndClient(name, dnsNames, ips);
    return new CertificateFiles(files.cert(), files.key(), pki.caCert());
  }

  /** @return the cluster CA as PEM, e.g. for an APIService's or a webhook's caBundle */
  public String caPem() {
    return pki.caPem();
  }

  /** @return this cluster's directory (certificates, kubeconfigs, component logs); deleted on close */
  public Path directory() {
    return dir;
  }

  private KubernetesClient client(Config config) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  /**
   * @param lines how many lines of each
   * @return the last lines of each component's log
   */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    for (ComponentProcess p : processes) {
      out.append("--- ").append(p.name()).append(p.isAlive() ? "" : " (exited)").append(" ---\n").append(p.tail(lines))
          .append('\n');
    }
    return out.toString();
  }

  /** Stops every component (scheduler and controller-manager first, etcd last) and deletes the directory (kept with LOCAL_CLUSTER_KEEP set). */
  @Override
  public void close() {
    synchronized (clients) {
      clients.forEach(KubernetesClient::close);
      clients.clear();
    }
    stopProcesses();
    if (!Boolean.getBoolean("local-cluster.keep") && System.getenv("LOCAL_CLUSTER_KEEP") == null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.warn("Could not delete {}: {}", dir, e.toString());
      }
    }
  }

  private void stopProcesses() {
    synchronized (processes) {
      for (int i = processes.size() - 1; i >= 0; i--) {
        processes.get(i).close();
      }
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
