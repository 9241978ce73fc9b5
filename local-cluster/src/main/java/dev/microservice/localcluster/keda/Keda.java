package dev.microservice.localcluster.keda;

import static org.awaitility.Awaitility.await;

import dev.microservice.localcluster.ComponentProcess;
import dev.microservice.localcluster.FreePorts;
import dev.microservice.localcluster.HostAddress;
import dev.microservice.localcluster.LocalCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real KEDA in a {@link LocalCluster}: its operator and metrics adapter, built from KEDA's Go module by build.sh
 * ({@link KedaBinaries}), run as host processes, with KEDA's own CRDs and RBAC, and the adapter registered as the
 * {@code v1beta1.external.metrics.k8s.io} APIService, so the cluster's HPA controller scales on KEDA's scalers.
 *
 * <p>What runs, and how it differs from KEDA's deployment manifests:
 *
 * <ul>
 *   <li>{@code keda-operator} and {@code keda-adapter} authenticate with one client certificate for the user
 *       {@code system:serviceaccount:keda:keda-operator}: KEDA's RBAC (config/rbac, config/metrics-server) binds that
 *       ServiceAccount, and a certificate does not expire as a token would.
 *   <li>The operator's gRPC metrics service (for the adapter) and the adapter's API use mutual TLS with a certificate of
 *       the cluster CA in {@code <cluster dir>/keda/certs} ({@code ca.crt}, {@code tls.crt}, {@code tls.key}, the files
 *       KEDA reads from {@code --cert-dir}); KEDA's own certificate rotation stays off ({@code --enable-cert-rotation=false}).
 *   <li>Every listener gets a free port; the operator's on loopback; the adapter's secure port on a non-loopback host
 *       address, because the API server reaches it through the Service {@code keda/keda-metrics-apiserver}, which has
 *       no selector and an EndpointSlice naming that address (an EndpointSlice may not name a loopback address), and
 *       the API server routes to endpoints itself ({@code --enable-aggregator-routing}).
 *   <li>No admission webhooks (keda-admission-webhooks is not built): ScaledObjects are not validated on admission.
 * </ul>
 */
public final class Keda implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Keda.class);
  /** The namespace of KEDA's ServiceAccount, Service and leases ({@code KEDA_CLUSTER_OBJECT_NAMESPACE}). */
  public static final String NAMESPACE = "keda";
  /** The ServiceAccount KEDA's RBAC binds, whose user both processes authenticate as. */
  public static final String SERVICE_ACCOUNT = "keda-operator";
  /** The APIService of KEDA's metrics adapter. */
  public static final String API_SERVICE = "v1beta1.external.metrics.k8s.io";
  /** The Service the APIService names, with no selector: its EndpointSlice names the adapter's host address. */
  public static final String METRICS_SERVICE = "keda-metrics-apiserver";
  private static final String FIELD_MANAGER = "local-cluster-keda";

  private final LocalCluster cluster;
  private final KedaBinaries binaries;
  private final String address;
  private final List<ComponentProcess> processes = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Thread shutdownHook = new Thread(this::stopProcesses, "keda-shutdown");
  private int adapterPort;

  private Keda(LocalCluster cluster, KedaBinaries binaries, String address) {
    this.cluster = cluster;
    this.binaries = binaries;
    this.address = address;
  }

  /**
   * Installs KEDA with its adapter on the host's primary address ({@link HostAddress#primary()}).
   *
   * @param cluster the cluster
   * @return the running KEDA; close it before the cluster
   */
  public static Keda install(LocalCluster cluster) {
    return install(cluster, HostAddress.primary());
  }

  /**
   * Installs KEDA and waits until the API server serves {@code external.metrics.k8s.io/v1beta1} through the adapter.
   *
   * @param cluster the cluster
   * @param address a non-loopback address of this host for the adapter's secure port, which the API server connects
   *     to (a KubeletNode's InternalIP, or the host's primary address)
   * @return the running KEDA; close it before the cluster
   */
  public static Keda install(LocalCluster cluster, String address) {
    Keda keda = new Keda(cluster, KedaBinaries.locate(), address);
    Runtime.getRuntime().addShutdownHook(keda.shutdownHook);
    try {
      keda.start();
      return keda;
    } catch (RuntimeException | Error e) {
      LOG.error("KEDA did not start; its logs:\n{}", keda.logTails(40));
      keda.close();
      throw e;
    }
  }

  private void start() {
    long started = System.nanoTime();
    KubernetesClient admin = cluster.admin();
    Path dir = directory(cluster.directory().resolve("keda"));
    Path certs = directory(dir.resolve("certs"));
    if (admin.namespaces().withName(NAMESPACE).get() == null) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    }
    for (Path crd : binaries.crds()) {
      apply(admin, crd);
    }
    if (admin.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT).get() == null) {
      admin.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata()
          .withName(SERVICE_ACCOUNT).endMetadata().build()).create();
    }
    for (Path rbac : binaries.rbac()) {
      apply(admin, rbac);
    }
    awaitCrdsEstablished(admin);

    Path kubeconfig = cluster.issueKubeconfig("keda-operator", "system:serviceaccount:" + NAMESPACE + ":" + SERVICE_ACCOUNT,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + NAMESPACE));
    LocalCluster.CertificateFiles cert = cluster.issueServingCertificate("keda", List.of(
        METRICS_SERVICE + "." + NAMESPACE + ".svc", METRICS_SERVICE + "." + NAMESPACE + ".svc.cluster.local",
        "keda-operator." + NAMESPACE + ".svc", "keda-operator." + NAMESPACE + ".svc.cluster.local", "localhost"),
        List.of("127.0.0.1", address));
    copy(cert.ca(), certs.resolve("ca.crt"));
    copy(cert.cert(), certs.resolve("tls.crt"));
    copy(cert.key(), certs.resolve("tls.key"));

    int grpcPort = FreePorts.next();
    int healthPort = FreePorts.next();
    Map<String, String> env = Map.of("KEDA_CLUSTER_OBJECT_NAMESPACE", NAMESPACE, "POD_NAMESPACE", NAMESPACE,
        "WATCH_NAMESPACE", "");
    processes.add(ComponentProcess.start("keda-operator", binaries.operator(), KedaFlags.operator(kubeconfig, certs,
        FreePorts.next(), healthPort, grpcPort), dir, env));
    await("keda-operator /readyz").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .failFast("keda-operator exited", this::anyExited).ignoreExceptions()
        .until(() -> httpGet("http://127.0.0.1:" + healthPort + "/readyz") == 200);

    adapterPort = FreePorts.next();
    processes.add(ComponentProcess.start("keda-adapter", binaries.adapter(), KedaFlags.adapter(kubeconfig, certs, address,
        adapterPort, FreePorts.next(), grpcPort), dir, env));
    register(admin);
    await("APIService " + API_SERVICE + " Available").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .failFast("a KEDA process exited", this::anyExited).ignoreExceptions()
        .until(() -> available(admin) && admin.raw("/apis/external.metrics.k8s.io/v1beta1") != null);
    LOG.info("KEDA {} ready in {} ms: operator (gRPC 127.0.0.1:{}), metrics adapter on {}:{}; logs in {}", binaries.version(),
        (System.nanoTime() - started) / 1_000_000, grpcPort, address, adapterPort, dir);
  }

  /** The Service with no selector, its EndpointSlice naming the adapter's address, and the APIService. */
  private void register(KubernetesClient admin) {
    String caBundle = Base64.getEncoder().encodeToString(cluster.caPem().getBytes(StandardCharsets.US_ASCII));
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: %1$s, namespace: %2$s}
        spec:
          ports: [{name: https, port: 443, targetPort: %3$d, protocol: TCP}]
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: %1$s-host
          namespace: %2$s
          labels: {kubernetes.io/service-name: %1$s, endpointslice.kubernetes.io/managed-by: local-cluster}
        addressType: IPv4
        endpoints: [{addresses: ["%4$s"], conditions: {ready: true}}]
        ports: [{name: https, port: %3$d, protocol: TCP}]
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: {name: %5$s}
        spec:
          group: external.metrics.k8s.io
          version: v1beta1
          service: {name: %1$s, namespace: %2$s, port: 443}
          caBundle: %6$s
          groupPriorityMinimum: 100
          versionPriority: 100
        """.formatted(METRICS_SERVICE, NAMESPACE, adapterPort, address, API_SERVICE, caBundle);
    admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).fieldManager(FIELD_MANAGER)
        .forceConflicts().serverSideApply();
  }

  private static boolean available(KubernetesClient admin) {
    GenericKubernetesResource service = admin.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
        .withName(API_SERVICE).get();
    if (service == null || !(service.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Available".equals(m.get("type"))
        && "True".equals(m.get("status")));
  }

  private void awaitCrdsEstablished(KubernetesClient admin) {
    for (Path file : binaries.crds()) {
      try (InputStream in = Files.newInputStream(file)) {
        String name = admin.apiextensions().v1().customResourceDefinitions().load(in).item().getMetadata().getName();
        admin.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(
            (CustomResourceDefinition crd) -> crd != null && crd.getStatus() != null
                && crd.getStatus().getConditions().stream()
                    .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
            60, TimeUnit.SECONDS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void apply(KubernetesClient admin, Path manifest) {
    try (InputStream in = Files.newInputStream(manifest)) {
      admin.load(in).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int httpGet(String url) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private boolean anyExited() {
    return processes.stream().anyMatch(p -> !p.isAlive());
  }

  /** @return the KEDA version running */
  public String version() {
    return binaries.version();
  }

  /** @return the address and port the adapter serves the external metrics API on, e.g. 192.0.2.2:41234 */
  public String adapterEndpoint() {
    return address + ":" + adapterPort;
  }

  /**
   * @param lines how many lines of each
   * @return the last lines of the operator's and the adapter's logs
   */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    synchronized (processes) {
      for (ComponentProcess p : processes) {
        out.append("--- ").append(p.name()).append(p.isAlive() ? "" : " (exited)").append(" ---\n")
            .append(p.tail(lines)).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Unregisters the APIService (an APIService whose server is gone fails discovery of its group, which blocks namespace
   * deletion), then stops the adapter and the operator. The CRDs and RBAC stay.
   */
  @Override
  public void close() {
    try {
      cluster.admin().genericKubernetesResources("apiregistration.k8s.io/v1", "APIService").withName(API_SERVICE).delete();
    } catch (RuntimeException e) {
      LOG.warn("Could not delete the APIService {}: {}", API_SERVICE, e.toString());
    }
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down
    }
  }

  private void stopProcesses() {
    synchronized (processes) {
      for (int i = processes.size() - 1; i >= 0; i--) {
        processes.get(i).close();
      }
    }
  }

  private static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
