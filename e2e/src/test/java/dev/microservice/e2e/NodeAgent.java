package dev.microservice.e2e;

import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.RegisteredNode;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's kubelet, small and in plain sight: it registers a Node, runs the pods the scheduler binds to it (watched
 * with the node's own credentials), writes their status through the status subresource when it changes, and once a pod
 * is deleted stops its processes and finishes the deletion. What it cannot honour becomes an {@link #errors() error}.
 */
final class NodeAgent implements AutoCloseable {
  /** The node's name. */
  static final String NODE = "e2e-node";
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  private final LocalCluster cluster;
  private final PodNetwork network;
  private final Images images;
  private final Path stateRoot;
  private final Path logRoot;
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private final Set<String> terminating = ConcurrentHashMap.newKeySet();
  private final Map<String, PodStatus> written = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<Pod> everStarted = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService statusLoop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "node-agent-status"));
  private final ExecutorService terminations = Executors.newCachedThreadPool(r -> new Thread(r, "node-agent-termination"));
  private RegisteredNode node;
  private SharedIndexInformer<io.fabric8.kubernetes.api.model.Pod> informer;

  /**
   * @param cluster the cluster
   * @param network the pod network; the node's address is its {@link PodNetwork#NODE_IP}
   * @param images the images
   * @param stateRoot where pods' volumes go (outside the clone)
   * @param logRoot where pods' logs go, in {@code <namespace>/<pod>/}
   */
  NodeAgent(LocalCluster cluster, PodNetwork network, Images images, Path stateRoot, Path logRoot) {
    this.cluster = cluster;
    this.network = network;
    this.images = images;
    this.stateRoot = stateRoot;
    this.logRoot = logRoot;
  }

  void start() {
    node = RegisteredNode.register(cluster, NODE, PodNetwork.NODE_IP);
    informer = client().pods().inAnyNamespace().withField("spec.nodeName", NODE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(io.fabric8.kubernetes.api.model.Pod pod) {
        sync(pod);
      }

      @Override
      public void onUpdate(io.fabric8.kubernetes.api.model.Pod old, io.fabric8.kubernetes.api.model.Pod pod) {
        sync(pod);
      }

      @Override
      public void onDelete(io.fabric8.kubernetes.api.model.Pod pod, boolean finalStateUnknown) {
        terminate(pod, false);
      }
    });
    statusLoop.scheduleWithFixedDelay(this::reportStatuses, 200, 200, TimeUnit.MILLISECONDS);
  }

  private KubernetesClient client() {
    return node.client();
  }

  /** @return what the node agent could not honour; a test fails when this is not empty */
  List<String> errors() {
    return errors;
  }

  /** @return the pods it runs now, including those it is stopping */
  List<Pod> pods() {
    return List.copyOf(pods.values());
  }

  /** @return every pod it ever started, for their logs */
  List<Pod> everStarted() {
    return everStarted;
  }

  private void sync(io.fabric8.kubernetes.api.model.Pod object) {
    try {
      String uid = object.getMetadata().getUid();
      if (object.getMetadata().getDeletionTimestamp() != null) {
        terminate(object, true);
      } else if (!pods.containsKey(uid) && everStarted.stream().noneMatch(p -> p.uid.equals(uid))) {
        String dirName = object.getMetadata().getNamespace() + "_" + object.getMetadata().getName();
        Pod pod = new Pod(object, stateRoot.resolve(dirName),
            logRoot.resolve(object.getMetadata().getNamespace()).resolve(object.getMetadata().getName()), client(), images, network,
            errors::add);
        pods.put(uid, pod);
        everStarted.add(pod);
        pod.start();
      }
    } catch (RuntimeException e) {
      errors.add("node agent: pod " + object.getMetadata().getName() + ": " + e);
    }
  }

  /** Stops a deleted pod's processes, frees its network and, when asked, finishes its deletion as a kubelet does. */
  private void terminate(io.fabric8.kubernetes.api.model.Pod object, boolean finishDeletion) {
    String uid = object.getMetadata().getUid();
    if (!terminating.add(uid)) {
      return;
    }
    Pod pod = pods.get(uid);
    long grace = object.getMetadata().getDeletionGracePeriodSeconds() != null ? object.getMetadata().getDeletionGracePeriodSeconds()
        : object.getSpec().getTerminationGracePeriodSeconds() != null ? object.getSpec().getTerminationGracePeriodSeconds() : 30;
    terminations.execute(() -> {
      try {
        if (pod != null) {
          pod.stop(grace);
        }
        if (finishDeletion) {
          client().pods().inNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
              .withGracePeriod(0).delete();
        }
      } catch (RuntimeException e) {
        errors.add("node agent: deleting pod " + object.getMetadata().getName() + ": " + e);
      } finally {
        pods.remove(uid);
        written.remove(uid);
      }
    });
  }

  /** Writes each pod's status when it differs from what was last written. */
  private void reportStatuses() {
    for (Pod pod : pods.values()) {
      if (terminating.contains(pod.uid)) {
        continue;
      }
      try {
        PodStatus status = pod.status();
        if (!status.equals(written.get(pod.uid))) {
          client().pods().inNamespace(pod.namespace).withName(pod.name).subresource("status")
              .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status)));
          written.put(pod.uid, status);
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 404) {
          errors.add("node agent: status of pod " + pod.name + ": " + e.getMessage());
        } else {
          LOG.warn("Status of pod {} not written (retrying): {}", pod.name, e.getMessage());
        }
      } catch (RuntimeException e) {
        errors.add("node agent: status of pod " + pod.name + ": " + e);
      }
    }
  }

  /** Stops watching and every pod still running (in parallel), and the node's heartbeat. */
  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    statusLoop.shutdownNow();
    for (Pod pod : pods.values()) {
      if (terminating.add(pod.uid)) {
        terminations.execute(() -> pod.stop(pod.spec().getTerminationGracePeriodSeconds() == null ? 30
            : pod.spec().getTerminationGracePeriodSeconds()));
      }
    }
    terminations.shutdown();
    try {
      if (!terminations.awaitTermination(2, TimeUnit.MINUTES)) {
        LOG.warn("Pods still stopping: {}", pods.keySet());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (node != null) {
      node.close();
    }
    LOG.info("Pod logs are in {}", logRoot.toAbsolutePath().normalize());
  }
}
