package dev.microservice.localcluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Node registered and kept alive with the node's own credentials, as a kubelet does: it creates the Node, reports it
 * Ready and renews its Lease in kube-node-lease every 10 s, so the node lifecycle controller keeps it schedulable. It runs
 * no containers; {@link #confirmPodDeletions()} makes it finish the deletion of pods bound to it, as a kubelet does once
 * their containers stopped.
 */
public final class RegisteredNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegisteredNode.class);
  private final KubernetesClient client;
  private final String name;
  private final String address;
  private final String version;
  private final String readySince = now();
  private final ScheduledExecutorService heartbeat;
  private SharedIndexInformer<Pod> deletions;

  private RegisteredNode(KubernetesClient client, String name, String address, String version) {
    this.client = client;
    this.name = name;
    this.address = address;
    this.version = version;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "node-heartbeat-" + name));
  }

  /**
   * Registers a node and starts its heartbeat.
   *
   * @param cluster the cluster
   * @param name the node's name
   * @param address its InternalIP
   * @return the node
   */
  public static RegisteredNode register(LocalCluster cluster, String name, String address) {
    RegisteredNode node = new RegisteredNode(cluster.nodeClient(name), name, address,
        cluster.binaries().kubernetesVersion());
    node.client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64"))
        .endMetadata().build()).create();
    node.beat();
    node.heartbeat.scheduleWithFixedDelay(node::beatQuietly, 10, 10, TimeUnit.SECONDS);
    return node;
  }

  /** @return the node's name */
  public String name() {
    return name;
  }

  /** @return a client with the node's credentials */
  public KubernetesClient client() {
    return client;
  }

  /** Deletes, with no grace period, every pod bound to this node once it is being deleted. */
  public void confirmPodDeletions() {
    deletions = client.pods().inAnyNamespace().withField("spec.nodeName", name).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        finish(pod);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        finish(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        // gone
      }
    });
  }

  private void finish(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .withGracePeriod(0).delete();
    }
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (KubernetesClientException e) {
      LOG.warn("Node {} heartbeat failed: {}", name, e.getMessage());
    }
  }

  private void beat() {
    Lease lease = client.leases().inNamespace("kube-node-lease").withName(name).get();
    if (lease == null) {
      client.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata().withName(name)
          .endMetadata().withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(40).withRenewTime(ZonedDateTime.now())
          .endSpec().build()).create();
    } else {
      lease.getSpec().setRenewTime(ZonedDateTime.now());
      client.leases().inNamespace("kube-node-lease").resource(lease).update();
    }
    // A merge patch of the status only: a full update would also send spec.taints, which the node lifecycle
    // controller changes meanwhile and NodeRestriction forbids a node to touch.
    Node node = new NodeBuilder().withNewMetadata().withName(name).endMetadata().build();
    node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
        .withCapacity(capacity()).withAllocatable(capacity())
        .withConditions(ready(now(), readySince))
        .addNewAddress().withType("InternalIP").withAddress(address).endAddress()
        .addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .withNewNodeInfo().withKubeletVersion("v" + version)
        .withOperatingSystem("linux").withArchitecture("amd64").withContainerRuntimeVersion("local-cluster://0")
        .withKernelVersion(System.getProperty("os.version")).withOsImage("local-cluster").withMachineID(name)
        .withSystemUUID(name).withBootID(name).withKubeProxyVersion("").endNodeInfo()
        .build());
    client.nodes().resource(node).patchStatus();
  }

  private static Map<String, Quantity> capacity() {
    return Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi"), "pods", new Quantity("110"),
        "ephemeral-storage", new Quantity("100Gi"));
  }

  private static List<NodeCondition> ready(String now, String since) {
    return List.of(new NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withMessage("registered by the test harness").withLastHeartbeatTime(now).withLastTransitionTime(since).build());
  }

  private static String now() {
    return ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  /** Stops the heartbeat and the deletion informer; the Node object stays (the cluster goes with it). */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    if (deletions != null) {
      deletions.close();
    }
  }
}
