package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One pod bound to the node, run as a kubelet would: its network, its volumes, init containers to completion, then
 * its container, restarted with back-off when it exits, with startup, readiness and liveness probes; its status as
 * the kubelet reports it.
 */
final class Pod {
  final String name;
  final String namespace;
  final String uid;
  /** The pod as the API had it when the node agent took it on. */
  final io.fabric8.kubernetes.api.model.Pod object;
  /** Where its volumes live: outside the clone. */
  final Path dir;
  /** Where its containers' logs and start scripts go. */
  final Path logDir;
  private final String startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  private final KubernetesClient node;
  private final Images images;
  private final PodNetwork networks;
  private final Consumer<String> onError;
  private final PodConditions conditions;
  private final List<ContainerRun> initRuns;
  private final ContainerRun main;
  private final Thread supervisor;
  private volatile PodNetwork.Attachment network;
  private volatile Process process;
  private volatile boolean stopping;

  Pod(io.fabric8.kubernetes.api.model.Pod object, Path dir, Path logDir, KubernetesClient node, Images images, PodNetwork networks,
      Consumer<String> onError) {
    this.object = object;
    this.name = object.getMetadata().getName();
    this.namespace = object.getMetadata().getNamespace();
    this.uid = object.getMetadata().getUid();
    this.dir = dir;
    this.logDir = logDir;
    this.node = node;
    this.images = images;
    this.networks = networks;
    this.onError = onError;
    PodCondition scheduled = object.getStatus() == null ? null : object.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
    this.conditions = new PodConditions(scheduled);
    this.initRuns = spec().getInitContainers().stream().map(c -> run(c, "PodInitializing")).toList();
    this.main = run(runtime(), initRuns.isEmpty() ? "ContainerCreating" : "PodInitializing");
    this.supervisor = new Thread(this::run, "pod-" + name);
  }

  private ContainerRun run(Container c, String waitingReason) {
    String imageId;
    try {
      imageId = images.get(c.getImage()).id();
    } catch (IllegalStateException e) {
      imageId = "";
    }
    return new ContainerRun(c.getName(), c.getImage(), imageId, waitingReason);
  }

  void start() {
    supervisor.start();
  }

  PodSpec spec() {
    return object.getSpec();
  }

  Container runtime() {
    return spec().getContainers().get(0);
  }

  /** @return the value of an annotation the pod carries (from its template) */
  String annotation(String key) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /** @return whether its container's process runs */
  boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  boolean ready() {
    return main.ready();
  }

  /** @return its IP, or null before its network exists */
  String ip() {
    PodNetwork.Attachment n = network;
    return n == null ? null : n.ip();
  }

  private void run() {
    try {
      List<String> problems = PodSpecCheck.problems(spec());
      if (!problems.isEmpty()) {
        throw new IllegalStateException(String.join("; ", problems));
      }
      network = networks.attach();
      Files.createDirectories(dir);
      Map<String, Path> volumes = PodVolumes.prepare(object, dir, node, images, network.ip());
      for (int i = 0; i < initRuns.size(); i++) {
        Container init = spec().getInitContainers().get(i);
        process = ContainerProcess.start(init, spec().getSecurityContext(), images, volumes,
            ContainerProcess.env(init, object, network.ip()), network.netnsFile(), logDir);
        initRuns.get(i).running();
        int exit = process.waitFor();
        if (stopping) {
          return;
        }
        initRuns.get(i).exited(exit, message(init, exit), null);
        if (exit != 0) {
          throw new IllegalStateException("init container " + init.getName() + " exited with " + exit + ": " + tail(init.getName()));
        }
      }
      Container c = runtime();
      Map<String, String> env = ContainerProcess.env(c, object, network.ip());
      while (!stopping) {
        process = ContainerProcess.start(c, spec().getSecurityContext(), images, volumes, env, network.netnsFile(), logDir);
        main.running();
        supervise(c);
        if (stopping) {
          break;
        }
        long backOff = Math.min(500L << Math.min(restarts(), 4), 8000);
        main.exited(process.exitValue(), message(c, process.exitValue()), backOff);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backOff);
        while (!stopping && System.nanoTime() < until) {
          Thread.sleep(50);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      if (!stopping) {
        onError.accept("pod " + namespace + "/" + name + ": " + e.getMessage());
      }
    }
  }

  private int restarts() {
    return main.status().getRestartCount();
  }

  /** Probes while the container runs; a failed liveness probe restarts it. */
  private void supervise(Container c) throws InterruptedException {
    boolean started = c.getStartupProbe() == null;
    int livenessFailures = 0;
    long nextLiveness = System.nanoTime();
    while (process.isAlive() && !stopping) {
      if (!started) {
        started = Prober.probe(c.getStartupProbe(), c, network.ip());
      }
      main.probed(started, started && (c.getReadinessProbe() == null || Prober.probe(c.getReadinessProbe(), c, network.ip())));
      if (started && c.getLivenessProbe() != null && System.nanoTime() >= nextLiveness) {
        livenessFailures = Prober.probe(c.getLivenessProbe(), c, network.ip()) ? 0 : livenessFailures + 1;
        nextLiveness = System.nanoTime() + TimeUnit.SECONDS.toNanos(Prober.period(c.getLivenessProbe()));
        if (livenessFailures >= Prober.threshold(c.getLivenessProbe())) {
          process.destroy();
        }
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
  }

  /** The termination message: with FallbackToLogsOnError and a failure, the log's last lines. */
  private String message(Container c, int exit) {
    return exit != 0 && "FallbackToLogsOnError".equals(c.getTerminationMessagePolicy()) ? tail(c.getName()) : null;
  }

  /** @return its status, as the kubelet writes it */
  PodStatus status() {
    boolean initialized = initRuns.stream().allMatch(ContainerRun::completed);
    boolean ready = main.ready();
    List<String> pending = new ArrayList<>();
    for (int i = 0; i < initRuns.size(); i++) {
      if (!initRuns.get(i).completed()) {
        pending.add(spec().getInitContainers().get(i).getName());
      }
    }
    conditions.set("Initialized", initialized, initialized ? null : "ContainersNotInitialized",
        initialized ? null : "containers with incomplete status: " + pending);
    String unready = "containers with unready status: [" + runtime().getName() + "]";
    conditions.set("ContainersReady", ready, ready ? null : "ContainersNotReady", ready ? null : unready);
    conditions.set("Ready", ready, ready ? null : "ContainersNotReady", ready ? null : unready);
    PodStatusBuilder status = new PodStatusBuilder().withPhase(main.everStarted() ? "Running" : "Pending")
        .withHostIP(PodNetwork.NODE_IP).withHostIPs(new HostIP(PodNetwork.NODE_IP)).withStartTime(startTime)
        .withConditions(conditions.all())
        .withInitContainerStatuses(initRuns.stream().map(ContainerRun::status).toList())
        .withContainerStatuses(main.status());
    String ip = ip();
    if (ip != null) {
      status.withPodIP(ip).withPodIPs(new PodIP(ip));
    }
    return status.build();
  }

  /** The last 2048 bytes (at most 80 lines) of a container's log, as FallbackToLogsOnError takes them. */
  String tail(String container) {
    try {
      byte[] all = Files.readAllBytes(logDir.resolve(container + ".log"));
      String text = new String(all, Math.max(0, all.length - 2048), Math.min(all.length, 2048), StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Stops like the kubelet: SIGTERM, then SIGKILL after the grace period; then frees the pod's network.
   *
   * @param graceSeconds the grace period
   */
  void stop(long graceSeconds) {
    stopping = true;
    Process p = process;
    try {
      if (p != null && p.isAlive()) {
        p.destroy();
        if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      // It ends on its own unless it waits for a volume's source: then interrupt that wait.
      supervisor.join(5_000);
      supervisor.interrupt();
      supervisor.join(10_000);
      // A process the supervisor started while stopping began.
      Process last = process;
      if (last != null && last.isAlive()) {
        last.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    PodNetwork.Attachment n = network;
    if (n != null) {
      networks.detach(n);
    }
  }

  /** @return every container's log, for a developer */
  String logs() {
    StringBuilder out = new StringBuilder();
    for (Container c : spec().getInitContainers()) {
      out.append("--- ").append(c.getName()).append(" (init) ---\n").append(tail(c.getName())).append('\n');
    }
    return out.append("--- ").append(runtime().getName()).append(" ---\n").append(tail(runtime().getName())).toString();
  }
}
