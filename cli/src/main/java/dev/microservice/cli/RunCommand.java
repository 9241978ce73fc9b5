package dev.microservice.cli;

import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestException;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.contract.RuntimeContract;
import dev.microservice.runtime.MicroserviceRuntime;
import dev.microservice.runtime.Signals;
import dev.microservice.runtime.StartupException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msvc run}: the MicroService on this machine, with the runtime the image runs and, unless told otherwise, an embedded Kafka. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a MicroService on this machine with the same runtime the image runs. Kafka servers use an "
        + "embedded broker on localhost unless --kafka names one. Ctrl-C stops everything.")
final class RunCommand implements Callable<Integer> {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--file"}, required = true, description = "The MicroService manifest.")
  Path file;

  @Option(names = RuntimeContract.ENDPOINTS_FLAG, description = "Directory of endpoint jars (default: target/ beside the manifest).")
  Path endpoints;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Use this running Kafka instead of an embedded one.")
  String kafka;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded Kafka (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = RuntimeContract.MANAGEMENT_PORT_FLAG, defaultValue = "" + RuntimeContract.MANAGEMENT_PORT,
      description = "Port of /healthz, /readyz, /metrics (default: ${DEFAULT-VALUE}).")
  int managementPort;

  @Option(names = "--port", paramLabel = "SERVER=PORT", description = "Listen on another port for a gRPC server, e.g. --port rpc=9191.")
  Map<String, Integer> ports = new LinkedHashMap<>();

  @Option(names = "--trace-endpoint", paramLabel = "URL", converter = LocalObservability.Endpoint.class,
      description = "Export a span per request over OTLP to this receiver, e.g. http://localhost:4318: what"
          + " spec.observability.tracing.endpoint does in a cluster (whose collector address rarely resolves here).")
  String traceEndpoint;

  @Option(names = "--trace-sampling-ratio", paramLabel = "RATIO", defaultValue = "1",
      converter = LocalObservability.Ratio.class,
      description = "Share of new traces sampled with --trace-endpoint, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double traceSamplingRatio;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text", converter = LocalObservability.Format.class,
      description = "text or json: one JSON object a line, as spec.observability.logFormat: json (default: ${DEFAULT-VALUE}).")
  String logFormat; // applied by Logging.configure before anything logs; here for --help and the check

  @Override
  public Integer call() throws InterruptedException {
    Path jars = endpoints != null ? endpoints : file.toAbsolutePath().getParent().resolve("target");
    ManifestCheck check = ManifestCheck.of(file, Files.isDirectory(jars) ? jars : null); // what validate and render find
    if (!check.problems().isEmpty()) {
      return ProblemReport.print(spec.commandLine().getErr(), file, check.problems());
    }
    Manifest manifest = manifest(check.manifest());
    if (!Files.isDirectory(jars)) {
      throw new CliException("endpoints directory " + jars + " does not exist: build the endpoint jar first, or pass " + RuntimeContract.ENDPOINTS_FLAG + " DIR");
    }
    List<ServerSpec> grpc = manifest.getSpec().getServers().stream().filter(s -> s.getGrpc() != null).toList();
    List<ServerSpec> kafkaServers = manifest.getSpec().getServers().stream().filter(s -> s.getKafka() != null).toList();
    for (int i = 0; i < manifest.getSpec().getServers().size(); i++) {
      ServerSpec s = manifest.getSpec().getServers().get(i);
      if (s.getGrpc() != null) {
        Ports.requireFree(s.getGrpc().getPort(), "spec.servers[" + i + "].grpc.port", "stop what uses it, or pass --port " + s.getName() + "=<free port>");
      }
    }
    Ports.requireFree(managementPort, "the management port", "pass " + RuntimeContract.MANAGEMENT_PORT_FLAG + " <free port>");
    LocalKafka broker = kafkaServers.isEmpty() ? null
        : kafka != null ? LocalKafka.remote(kafka, Duration.ofSeconds(5)) : LocalKafka.embedded(kafkaPort);
    MicroserviceRuntime runtime = null;
    try {
      if (broker != null) {
        kafkaServers.forEach(s -> s.getKafka().setBootstrapServers(broker.bootstrap()));
        if (broker.isEmbedded()) {
          broker.createTopics(kafkaServers.stream().flatMap(s -> s.getNamespaces().stream()).map(n -> n.getName()).toList());
        }
      }
      Map<String, String> tracing = traceEndpoint == null ? Map.of()
          : LocalObservability.tracingEnv(manifest.getMetadata().getName(), traceEndpoint, traceSamplingRatio);
      runtime = new MicroserviceRuntime(manifest, jars, managementPort,
          LocalObservability.runtimeEnv(System.getenv(), tracing));
      runtime.start();
      awaitReady(runtime);
      banner(manifest, grpc, kafkaServers, broker);
    } catch (StartupException | ManifestException e) {
      stop(runtime, broker);
      throw new CliException(e.getMessage(), e);
    } catch (RuntimeException | InterruptedException e) {
      stop(runtime, broker);
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    MicroserviceRuntime started = runtime;
    Signals.onTermination(() -> {
      stop(started, broker);
      stopped.countDown();
    });
    stopped.await();
    spec.commandLine().getErr().println("msvc: stopped");
    return 0;
  }

  private Manifest manifest(Manifest manifest) {
    ports.forEach((server, port) -> {
      ServerSpec s = manifest.getSpec().getServers().stream().filter(x -> x.getName().equals(server) && x.getGrpc() != null)
          .findFirst().orElseThrow(() -> new CliException("--port " + server + "=" + port + ": no gRPC server named '" + server + "'"));
      s.getGrpc().setPort(Durations.port("--port " + server, String.valueOf(port)));
    });
    return manifest;
  }

  private static void awaitReady(MicroserviceRuntime runtime) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (runtime.notReadyReason() != null) {
      if (runtime.failure() != null) {
        throw new CliException(runtime.failure());
      }
      if (System.nanoTime() > deadline) {
        throw new CliException("not ready after " + READY_TIMEOUT.toSeconds() + " s: " + runtime.notReadyReason());
      }
      Thread.sleep(20);
    }
  }

  private void banner(Manifest m, List<ServerSpec> grpc, List<ServerSpec> kafkaServers, LocalKafka broker) {
    double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
    PrintWriter out = spec.commandLine().getOut();
    out.printf("msvc: %s is ready (%.1f s)%n", m.getMetadata().getName(), seconds);
    for (ServerSpec s : grpc) {
      out.printf("  gRPC   %-8s localhost:%d   namespaces: %s%n", s.getName(), s.getGrpc().getPort(), names(s));
    }
    for (ServerSpec s : kafkaServers) {
      out.printf("  Kafka  %-8s %s%s   topics: %s%n", s.getName(), broker.bootstrap(), broker.isEmbedded() ? " (embedded)" : "", names(s));
    }
    out.printf("  management      http://localhost:%d/readyz  /metrics%n", managementPort);
    out.println("Try:");
    String sample = sample(grpc.isEmpty() ? kafkaServers.get(0) : grpc.get(0));
    if (!grpc.isEmpty()) {
      int port = grpc.get(0).getGrpc().getPort();
      out.printf("  ./msvc send grpc %s%s World%n", port == 9090 ? "" : "--address localhost:" + port + " ", sample);
    }
    if (!kafkaServers.isEmpty()) {
      String bootstrap = broker.bootstrap().equals("localhost:9092") ? "" : "--bootstrap " + broker.bootstrap() + " ";
      out.printf("  ./msvc send kafka %s%s World --reply%n", bootstrap, sample(kafkaServers.get(0)));
    }
    out.println("Ctrl-C stops it.");
    out.flush();
  }

  private static String sample(ServerSpec s) {
    var ns = s.getNamespaces().get(0);
    return ns.getName() + "/" + ns.getServices().get(0).getName();
  }

  private static String names(ServerSpec s) {
    return String.join(", ", s.getNamespaces().stream().map(n -> n.getName()).toList());
  }

  private static void stop(MicroserviceRuntime runtime, LocalKafka broker) {
    if (runtime != null) {
      runtime.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
