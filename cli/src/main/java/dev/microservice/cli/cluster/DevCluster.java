package dev.microservice.cli.cluster;

import com.marcnuri.helm.Helm;
import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.keda.Keda;
import dev.microservice.localcluster.keda.KedaBinaries;
import dev.microservice.localcluster.node.KubeletNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster of {@code msvc cluster up}, the same the end-to-end tests use: a real control plane, a kubelet node with
 * containerd and runc, the project's images imported, a Kafka broker on the node's address, optionally KEDA (its
 * operator and metrics adapter on the host, the adapter on the node's address as the external metrics API), and the
 * Helm chart installed (CRD, RBAC, the operator as a pod).
 */
public final class DevCluster implements AutoCloseable {
  /** The chart's release and namespace. */
  public static final String RELEASE = "mso";
  /** The namespace of the operator. */
  public static final String NAMESPACE = "microservice-system";
  /** The Kafka broker's port on the node's address. */
  public static final int KAFKA_PORT = 9092;
  private static final Logger LOG = LoggerFactory.getLogger(DevCluster.class);

  private final ClusterHome home;
  private final Progress progress;
  private volatile String step = "start";
  private volatile LocalCluster cluster;
  private volatile KubeletNode node;
  private volatile EmbeddedKafka kafka;
  private volatile Keda keda;

  /**
   * @param home where the admin kubeconfig, {@code bin/} (kubectl, helm) and the {@code env} file go
   * @param progress where each step is reported
   */
  public DevCluster(ClusterHome home, Progress progress) {
    this.home = home;
    this.progress = progress;
  }

  /**
   * Brings everything up, step by step, from the repository's files.
   *
   * @param project the repository
   * @param withOperator whether to install the chart; without it, users install it as docs/install.md shows
   */
  public void up(ProjectFiles project, boolean withOperator) throws Exception {
    up(project, withOperator, false);
  }

  /**
   * Brings everything up, step by step, from the repository's files.
   *
   * @param project the repository
   * @param withOperator whether to install the chart; without it, users install it as docs/install.md shows
   * @param withKeda whether to install KEDA (built by local-cluster/build.sh when missing)
   */
  public void up(ProjectFiles project, boolean withOperator, boolean withKeda) throws Exception {
    run(withKeda ? "Kubernetes and KEDA binaries (local-cluster/build.sh)" : "Kubernetes binaries (local-cluster/build.sh)",
        () -> project.buildKubernetes(withKeda));
    run("control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler)", () -> {
      cluster = LocalCluster.start();
    });
    run("node (containerd, runc, CNI bridge, kubelet)", () -> {
      node = KubeletNode.start(cluster, "msvc-node");
    });
    run("images (runtime, operator, hello endpoint)", () -> {
      for (Path image : project.images()) {
        progress.line("  imported " + node.importImage(image));
      }
    });
    run("Kafka broker on " + node.ip() + ":" + KAFKA_PORT, () -> {
      kafka = EmbeddedKafka.builder().host(node.ip()).port(KAFKA_PORT).start();
    });
    if (withKeda) {
      run("KEDA " + KedaBinaries.pinnedVersion() + " (operator, metrics adapter on " + node.ip()
          + ", APIService " + Keda.API_SERVICE + ")", () -> {
        keda = Keda.install(cluster, node.ip());
      });
    }
    run("kubectl, helm and ctr for this cluster (" + home.env() + ")", () -> {
      Files.copy(cluster.adminKubeconfig(), home.kubeconfig(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      ClusterShell.write(home, java.util.Map.of("kubectl", cluster.kubectl(), "helm", project.helm()),
          node.containerd().socket());
    });
    if (!withOperator) {
      return;
    }
    run("Helm chart " + RELEASE + " in " + NAMESPACE, () -> {
      // The operator's namespace enforces the restricted Pod Security Standard: the real admission checks its pod.
      cluster.admin().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
          .withName(NAMESPACE).addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
      new Helm(project.chart()).install().withName(RELEASE).withNamespace(NAMESPACE)
          .withKubeConfig(home.kubeconfig()).set("image.pullPolicy", "Never").waitReady().withTimeout(300).call();
    });
  }

  private void run(String name, Progress.Step action) throws Exception {
    step = name;
    progress.step(name, action);
  }

  /** @return the step under way, for a failure's message */
  public String currentStep() {
    return step;
  }

  /** @return the control plane */
  public LocalCluster cluster() {
    return cluster;
  }

  /** @return the node */
  public KubeletNode node() {
    return node;
  }

  /** @return the Kafka broker on the node's address */
  public EmbeddedKafka kafka() {
    return kafka;
  }

  /** @return KEDA, when installed ({@code --keda}), else null */
  public Keda keda() {
    return keda;
  }

  /**
   * Stops what was started: KEDA first (its APIService, then its processes), then Kafka (it listens on the node's
   * bridge address, which goes with the node, and its shutdown waits for a controller it can no longer reach), then the
   * node, then the control plane. Safe to call twice.
   */
  @Override
  public synchronized void close() {
    for (AutoCloseable c : java.util.Arrays.asList(keda, kafka, node, cluster).stream().filter(java.util.Objects::nonNull).toList()) {
      long began = System.nanoTime();
      try {
        c.close();
        LOG.info("Stopped {} in {} ms", c.getClass().getSimpleName(), (System.nanoTime() - began) / 1_000_000);
      } catch (Exception e) {
        LOG.warn("Could not stop {}: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
    keda = null;
    node = null;
    kafka = null;
    cluster = null;
  }
}
