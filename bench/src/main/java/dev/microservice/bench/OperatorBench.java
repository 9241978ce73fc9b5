package dev.microservice.bench;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.RuntimeConfigMap;
import dev.microservice.operator.desired.RuntimeDeployment;
import dev.microservice.operator.desired.RuntimeService;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * N MicroServices on the API mock: time until every Deployment, ConfigMap and Service exists, the
 * operator (its own JVM, production settings) vs. creating the same objects directly with the
 * fabric8 client at the operator's concurrency; and the operator's heap after a full GC.
 */
final class OperatorBench {
  /** JOSDK's default number of reconciliation threads: the baseline creates with as many. */
  static final int CONCURRENCY = 50;
  private final boolean quick;
  private final Path root;
  private final Path work;

  OperatorBench(boolean quick, Path root, Path work) {
    this.quick = quick;
    this.root = root;
    this.work = work;
  }

  List<Result> run() throws Exception {
    int n = quick ? 200 : 1000;
    MicroService template = Serialization.unmarshal(Files.readString(root.resolve("examples/hello/microservice.yaml")), MicroService.class);
    double baseline;
    try (Mock mock = new Mock()) {
      long start = System.nanoTime();
      parallel(n, CONCURRENCY, i -> {
        MicroService ms = copy(template, i);
        mock.client.resource(RuntimeConfigMap.of(ms)).create();
        mock.client.resource(RuntimeDeployment.of(ms, "runtime:bench")).create();
        mock.client.resource(RuntimeService.of(ms)).create();
      });
      baseline = (System.nanoTime() - start) / 1e9;
    }
    try (Mock mock = new Mock()) {
      mock.client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal(
          Files.readString(root.resolve("crds/microservices.microservice.dev-v1.yml")), CustomResourceDefinition.class)).create();
      int management = Ports.free();
      ProcessBuilder builder = new ProcessBuilder(Processes.JAVA, "-Dkubernetes.master=" + mock.server.url("/"),
          "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
          "-cp", Processes.benchJar().toString(), "dev.microservice.operator.OperatorMain")
          .redirectErrorStream(true).redirectOutput(work.resolve("operator.log").toFile());
      builder.environment().put("RUNTIME_IMAGE", "runtime:bench");
      builder.environment().put("MANAGEMENT_PORT", String.valueOf(management));
      builder.environment().put("LEADER_ELECTION", "false");
      builder.environment().remove("POD_NAMESPACE");
      builder.environment().remove("WATCH_NAMESPACES");
      Process operator = builder.start();
      try {
        while (!Processes.httpOk("http://127.0.0.1:" + management + "/readyz")) {
          if (!operator.isAlive()) {
            throw new IllegalStateException("the operator exited; see " + work.resolve("operator.log"));
          }
          Thread.sleep(20);
        }
        double idleHeap = Processes.heapAfterGcMib(operator.pid());
        long start = System.nanoTime();
        parallel(n, 8, i -> mock.client.resource(copy(template, i)).create());
        while (count(mock.client, n) < 3L * n) {
          Thread.sleep(100);
        }
        double ours = (System.nanoTime() - start) / 1e9;
        double heap = Processes.heapAfterGcMib(operator.pid());
        String params = "microservices=" + n;
        return List.of(
            new Result("operator", "time", ours, baseline, params + " unit=s baseline=direct creation with " + CONCURRENCY + " threads"),
            new Result("operator", "heap_mib", heap, idleHeap, params + " baseline=the same operator with none cached"),
            new Result("operator", "rss", Processes.rssMib(operator.pid()), Double.NaN, params + " unit=MiB"));
      } finally {
        operator.destroy();
        operator.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static long count(KubernetesClient c, int n) {
    return c.apps().deployments().inNamespace("bench").list().getItems().size()
        + c.configMaps().inNamespace("bench").list().getItems().size()
        + c.services().inNamespace("bench").list().getItems().size();
  }

  private static MicroService copy(MicroService template, int i) {
    MicroService ms = Serialization.clone(template);
    ms.getMetadata().setName(String.format("greeter-%04d", i));
    ms.getMetadata().setNamespace("bench");
    return ms;
  }

  private static void parallel(int n, int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.accept(index)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** A fresh API mock in CRUD mode. */
  static final class Mock implements AutoCloseable {
    final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    final KubernetesClient client;

    Mock() {
      server.init();
      client = server.createClient();
    }

    @Override
    public void close() {
      client.close();
      server.destroy();
    }
  }
}
