package dev.microservice.e2e;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The cluster's missing parts, small and in plain sight: for every Deployment on the API mock it
 * runs pods from the pod template alone (the Deployment controller and kubelet), rolls them when
 * the template changes (maxSurge 1, maxUnavailable 0), publishes Pods and the Deployment's status,
 * and deletes objects whose owning MicroService is gone (the garbage collector).
 */
final class PodLauncher implements AutoCloseable {
  private final KubernetesClient client;
  private final PodNetwork network;
  private final Images images;
  private final Path workDir;
  private final Map<String, List<Pod>> podsByDeployment = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<Pod> everStarted = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "pod-launcher"));

  PodLauncher(KubernetesClient client, PodNetwork network, Images images, Path workDir) {
    this.client = client;
    this.network = network;
    this.images = images;
    this.workDir = workDir;
  }

  void start() {
    loop.scheduleWithFixedDelay(() -> {
      try {
        collectGarbage();
        reconcileAll();
      } catch (RuntimeException e) {
        errors.add("pod launcher: " + e);
      }
    }, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** @return what the launcher could not honour; a test fails when this is not empty */
  List<String> errors() {
    return errors;
  }

  /** @return the running pods of a Deployment */
  List<Pod> pods(String namespace, String deployment) {
    return List.copyOf(podsByDeployment.getOrDefault(namespace + "/" + deployment, List.of()));
  }

  List<Pod> everStarted() {
    return everStarted;
  }

  private void reconcileAll() {
    List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
    Set<String> live = deployments.stream().map(d -> key(d)).collect(Collectors.toSet());
    for (String gone : Set.copyOf(podsByDeployment.keySet())) {
      if (!live.contains(gone)) {
        podsByDeployment.remove(gone).forEach(this::remove);
      }
    }
    deployments.forEach(this::reconcile);
  }

  private void reconcile(Deployment d) {
    List<Pod> pods = podsByDeployment.computeIfAbsent(key(d), k -> new CopyOnWriteArrayList<>());
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    String hash = hash(d);
    List<Pod> current = pods.stream().filter(p -> p.templateHash.equals(hash)).toList();
    List<Pod> old = pods.stream().filter(p -> !p.templateHash.equals(hash)).toList();
    long ready = pods.stream().filter(p -> p.ready).count();
    if (current.size() < desired && pods.size() < desired + 1) {
      pods.add(launch(d, hash));
    } else if (!old.isEmpty()) {
      Pod victim = old.stream().filter(p -> !p.ready).findFirst().orElse(old.get(0));
      if (!victim.ready || ready - 1 >= desired) {
        pods.remove(victim);
        remove(victim);
      }
    } else if (current.size() > desired) {
      Pod extra = current.get(current.size() - 1);
      pods.remove(extra);
      remove(extra);
    }
    publish(d, hash, pods);
  }

  private Pod launch(Deployment d, String hash) {
    String name = d.getMetadata().getName() + "-" + hash.substring(0, 6) + "-"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 5);
    PodNetwork.Attachment net = network.attach();
    Pod pod = new Pod(name, d.getMetadata().getNamespace(), hash, d.getSpec().getTemplate(), net, workDir.resolve(name), client,
        images, errors::add, () -> { });
    everStarted.add(pod);
    pod.start();
    return pod;
  }

  private void remove(Pod pod) {
    new Thread(() -> {
      pod.stop();
      network.detach(pod.network);
      client.pods().inNamespace(pod.namespace).withName(pod.name).delete();
    }, "stop-" + pod.name).start();
  }

  /** Pods and the Deployment's status, as the kubelet and the Deployment controller report them. */
  private void publish(Deployment d, String hash, List<Pod> pods) {
    for (Pod p : pods) {
      var status = new ContainerStatusBuilder().withName("runtime").withImage(p.runtime().getImage()).withReady(p.ready)
          .withRestartCount(p.restarts);
      if (p.waitingReason != null) {
        status.withNewState().withNewWaiting().withReason(p.waitingReason).endWaiting().endState();
      } else {
        status.withNewState().withNewRunning().endRunning().endState();
      }
      if (p.lastExitCode != null) {
        status.withNewLastState().withNewTerminated().withExitCode(p.lastExitCode).withReason(p.lastExitCode == 0 ? "Completed" : "Error")
            .withMessage(p.lastMessage).endTerminated().endLastState();
      }
      io.fabric8.kubernetes.api.model.Pod object = new PodBuilder()
          .withNewMetadata().withName(p.name).withNamespace(p.namespace).withLabels(p.template.getMetadata().getLabels())
          .addToLabels("pod-template-hash", p.templateHash.substring(0, 10)).endMetadata()
          .withNewSpec().withContainers(p.runtime()).endSpec()
          .withNewStatus().withPhase("Running").withPodIP(p.network.ip()).withContainerStatuses(status.build()).endStatus()
          .build();
      var existing = client.pods().inNamespace(p.namespace).withName(p.name).get();
      if (existing == null) {
        client.resource(object).create();
      } else if (!Objects.equals(existing.getStatus().getContainerStatuses(), object.getStatus().getContainerStatuses())) {
        existing.setStatus(object.getStatus());
        client.resource(existing).updateStatus();
      }
    }
    int ready = (int) pods.stream().filter(p -> p.ready).count();
    DeploymentStatus status = new DeploymentStatusBuilder()
        .withObservedGeneration(d.getMetadata().getGeneration())
        .withReplicas(pods.size())
        .withUpdatedReplicas((int) pods.stream().filter(p -> p.templateHash.equals(hash)).count())
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withUnavailableReplicas(Math.max(0, pods.size() - ready))
        .build();
    if (!status.equals(d.getStatus())) {
      d.setStatus(status);
      client.resource(d).updateStatus();
    }
  }

  /** Deletes what a deleted MicroService owned, as the garbage collector would. */
  private void collectGarbage() {
    Set<String> microServices = client.resources(MicroService.class).inAnyNamespace().list().getItems().stream()
        .map(m -> m.getMetadata().getUid()).collect(Collectors.toSet());
    List<HasMetadata> owned = new ArrayList<>();
    owned.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    owned.addAll(client.configMaps().inAnyNamespace().list().getItems());
    owned.addAll(client.services().inAnyNamespace().list().getItems());
    for (HasMetadata o : owned) {
      for (OwnerReference ref : o.getMetadata().getOwnerReferences()) {
        if ("MicroService".equals(ref.getKind()) && !microServices.contains(ref.getUid())) {
          client.resource(o).delete();
        }
      }
    }
  }

  private static String key(Deployment d) {
    return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
  }

  /** The pod-template hash, as the Deployment controller computes one per template. */
  static String hash(Deployment d) {
    try {
      byte[] json = Serialization.asJson(d.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    podsByDeployment.values().forEach(pods -> pods.forEach(p -> {
      p.stop();
      network.detach(p.network);
    }));
  }
}
