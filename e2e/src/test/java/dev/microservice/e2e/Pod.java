package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One pod of a Deployment, run as a kubelet would: init containers to completion, then the
 * containers, restarted with back-off when they exit; readiness, startup and liveness probes.
 */
final class Pod {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  final String name;
  final String namespace;
  final String templateHash;
  final PodTemplateSpec template;
  final PodNetwork.Attachment network;
  final Path dir;
  private final KubernetesClient client;
  private final Images images;
  private final Consumer<String> onError;
  private final Runnable onChange;
  private final Thread supervisor;
  private volatile Process process;
  private volatile boolean stopping;
  volatile boolean ready;
  volatile int restarts;
  volatile Integer lastExitCode;
  volatile String lastMessage;
  volatile String waitingReason = "ContainerCreating";

  Pod(String name, String namespace, String templateHash, PodTemplateSpec template, PodNetwork.Attachment network, Path dir,
      KubernetesClient client, Images images, Consumer<String> onError, Runnable onChange) {
    this.name = name;
    this.namespace = namespace;
    this.templateHash = templateHash;
    this.template = template;
    this.network = network;
    this.dir = dir;
    this.client = client;
    this.images = images;
    this.onError = onError;
    this.onChange = onChange;
    this.supervisor = new Thread(this::run, "pod-" + name);
  }

  void start() {
    supervisor.start();
  }

  boolean alive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** @return the pod process's PID while it runs */
  long pid() {
    return process.pid();
  }

  Container runtime() {
    return template.getSpec().getContainers().get(0);
  }

  /** The port number a named or numbered container port stands for. */
  int port(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return runtime().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
        .findFirst().orElseThrow(() -> new IllegalStateException("no container port named " + port.getStrVal()));
  }

  private void run() {
    try {
      Files.createDirectories(dir);
      if (template.getSpec().getContainers().size() != 1) {
        throw new IllegalStateException("the pod launcher runs pods of exactly one container");
      }
      Map<String, Path> volumes = PodVolumes.prepare(template.getSpec().getVolumes(), namespace, dir, client, images);
      for (Container init : template.getSpec().getInitContainers()) {
        Process p = ContainerProcess.start(init, template.getSpec().getSecurityContext(), images, volumes,
            ContainerProcess.env(init, name, namespace, network.ip()), network.netns(), dir);
        if (p.waitFor() != 0) {
          throw new IllegalStateException("init container " + init.getName() + " exited with " + p.exitValue() + ": " + tail(init.getName()));
        }
      }
      Container c = runtime();
      Map<String, String> env = ContainerProcess.env(c, name, namespace, network.ip());
      while (!stopping) {
        process = ContainerProcess.start(c, template.getSpec().getSecurityContext(), images, volumes, env, network.netns(), dir);
        waitingReason = null;
        onChange.run();
        supervise(c);
        if (stopping) {
          break;
        }
        lastExitCode = process.exitValue();
        lastMessage = lastExitCode != 0 && "FallbackToLogsOnError".equals(c.getTerminationMessagePolicy()) ? tail(c.getName()) : null;
        ready = false;
        restarts++;
        waitingReason = "CrashLoopBackOff";
        onChange.run();
        long backoff = Math.min(500L << Math.min(restarts, 4), 8000);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
        while (!stopping && System.nanoTime() < until) {
          Thread.sleep(50);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      onError.accept("pod " + name + ": " + e.getMessage());
    }
  }

  /** Probes while the container runs; a failed liveness probe restarts it. */
  private void supervise(Container c) throws InterruptedException {
    boolean started = c.getStartupProbe() == null;
    int livenessFailures = 0;
    long nextLiveness = System.nanoTime();
    while (process.isAlive() && !stopping) {
      if (!started) {
        started = probe(c.getStartupProbe());
      }
      boolean nowReady = started && (c.getReadinessProbe() == null || probe(c.getReadinessProbe()));
      if (nowReady != ready) {
        ready = nowReady;
        onChange.run();
      }
      if (started && c.getLivenessProbe() != null && System.nanoTime() >= nextLiveness) {
        livenessFailures = probe(c.getLivenessProbe()) ? 0 : livenessFailures + 1;
        nextLiveness = System.nanoTime() + TimeUnit.SECONDS.toNanos(period(c.getLivenessProbe()));
        if (livenessFailures >= threshold(c.getLivenessProbe())) {
          process.destroy();
        }
      }
      process.waitFor(200, TimeUnit.MILLISECONDS);
    }
  }

  private boolean probe(Probe probe) {
    if (probe.getHttpGet() == null) {
      throw new IllegalStateException("the pod launcher honours httpGet probes only, got " + probe);
    }
    try {
      URI uri = URI.create("http://" + network.ip() + ":" + port(probe.getHttpGet().getPort()) + probe.getHttpGet().getPath());
      HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() >= 200 && r.statusCode() < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int period(Probe p) {
    return p.getPeriodSeconds() == null ? 10 : p.getPeriodSeconds();
  }

  private static int threshold(Probe p) {
    return p.getFailureThreshold() == null ? 3 : p.getFailureThreshold();
  }

  /** The last 2048 bytes (at most 80 lines) of a container's log, as FallbackToLogsOnError takes them. */
  String tail(String container) {
    try {
      byte[] all = Files.readAllBytes(dir.resolve(container + ".log"));
      String text = new String(all, Math.max(0, all.length - 2048), Math.min(all.length, 2048), StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops like the kubelet: SIGTERM, then SIGKILL after the grace period. */
  void stop() {
    stopping = true;
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroy();
      long grace = template.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : template.getSpec().getTerminationGracePeriodSeconds();
      try {
        if (!p.waitFor(grace, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      supervisor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String log() {
    try {
      return Files.exists(dir.resolve("runtime.log")) ? Files.readString(dir.resolve("runtime.log")) : "(no log)";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
