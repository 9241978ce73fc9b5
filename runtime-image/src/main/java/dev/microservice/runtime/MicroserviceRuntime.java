package dev.microservice.runtime;

import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestException;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.ManifestValidator;
import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.Problem;
import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.endpoints.EndpointCatalog;
import dev.microservice.runtime.endpoints.EndpointLoader;
import dev.microservice.runtime.management.ManagementServer;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.tracing.Tracing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's Microservice: loads the endpoints a manifest names, starts its servers and the
 * management port, and stops them gracefully.
 */
public final class MicroserviceRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MicroserviceRuntime.class);

  private final Manifest manifest;
  private final Path endpointsDir;
  private final int managementPort;
  private final Map<String, String> env;
  private final RuntimeMetrics metrics = new RuntimeMetrics();
  private final List<Server> servers = new ArrayList<>();
  private ManagementServer management;
  private EndpointCatalog endpoints;
  private Tracing tracing;
  private volatile boolean ready;
  private volatile boolean stopping;

  /**
   * Creates a runtime; nothing starts before {@link #start()}.
   *
   * @param manifest a parsed, validated manifest
   * @param endpointsDir the directory of endpoint jars
   * @param managementPort the management HTTP port (0 picks a free one)
   */
  public MicroserviceRuntime(Manifest manifest, Path endpointsDir, int managementPort) {
    this(manifest, endpointsDir, managementPort, System.getenv());
  }

  /**
   * Creates a runtime with the given environment instead of the process's.
   *
   * @param manifest a parsed, validated manifest
   * @param endpointsDir the directory of endpoint jars
   * @param managementPort the management HTTP port (0 picks a free one)
   * @param env the environment: secret variables, POD_NAME, the OTEL_* tracing settings
   */
  public MicroserviceRuntime(Manifest manifest, Path endpointsDir, int managementPort, Map<String, String> env) {
    this.manifest = manifest;
    this.endpointsDir = endpointsDir;
    this.managementPort = managementPort;
    this.env = Map.copyOf(env);
  }

  /**
   * Creates a runtime from its command line.
   *
   * @param options the parsed command line
   * @return the runtime, not started
   * @throws ManifestException when the manifest is invalid
   */
  public static MicroserviceRuntime fromOptions(RuntimeOptions options) {
    return new MicroserviceRuntime(ManifestParser.parseForRuntime(options.manifest()), options.endpoints(), options.managementPort());
  }

  /**
   * Starts the management port, loads and initialises the endpoints, then starts every server.
   *
   * @throws StartupException or {@link ManifestException} saying what prevents the start
   */
  public synchronized void start() {
    MicroServiceSpec spec = manifest.getSpec();
    checkPorts(spec);
    tracing = Tracing.fromEnv(env, manifest.getMetadata().getName());
    try {
      management = new ManagementServer(managementPort, this::notReadyReason, this::failure, metrics);
    } catch (IOException e) {
      throw new StartupException("cannot listen on management port " + managementPort + ": " + e.getMessage(), e);
    }
    endpoints = EndpointLoader.load(endpointsDir);
    List<Problem> missing = ManifestValidator.checkEndpoints(spec, endpoints.names());
    if (!missing.isEmpty()) {
      throw new StartupException("services name endpoints that " + endpointsDir + " does not provide:\n  "
          + missing.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
    }
    endpoints.init(usedEndpoints(spec), spec.getConfig());
    for (int i = 0; i < spec.getServers().size(); i++) {
      startServer(i, spec.getServers().get(i));
    }
    ready = !stopping;
    Thread jvmMetrics = new Thread(metrics::registerJvmMetrics, "jvm-metrics");
    jvmMetrics.setDaemon(true);
    jvmMetrics.start();
    LOG.info("MicroService '{}' started: {} server(s), management port {}; ready once every server serves",
        manifest.getMetadata().getName(), servers.size(), management.port());
  }

  private void startServer(int index, ServerSpec spec) {
    String path = "spec.servers[" + index + "]";
    Server server = ServerFactory.create(index, manifest, spec, new Router(spec, endpoints), metrics, env, tracing);
    try {
      server.start();
    } catch (IOException e) {
      throw new StartupException(path + " ('" + spec.getName() + "'): cannot start: " + e.getMessage(), e);
    }
    servers.add(server);
  }

  private void checkPorts(MicroServiceSpec spec) {
    for (int i = 0; i < spec.getServers().size(); i++) {
      ServerSpec s = spec.getServers().get(i);
      if (s.getGrpc() != null && s.getGrpc().getPort() == managementPort) {
        throw new StartupException("spec.servers[" + i + "].grpc.port: port " + managementPort
            + " is also the management port; choose another or pass --management-port");
      }
    }
  }

  private static Set<String> usedEndpoints(MicroServiceSpec spec) {
    Set<String> used = new HashSet<>();
    spec.getServers().forEach(s -> s.getNamespaces().forEach(n -> n.getServices().forEach(v -> used.add(v.getEndpoint()))));
    return used;
  }

  /** @return null when every server serves, else why the runtime is not ready */
  public String notReadyReason() {
    if (stopping) {
      return "shutting down";
    }
    if (!ready) {
      return "starting";
    }
    String down = servers.stream().filter(s -> !s.isServing()).map(Server::name).collect(Collectors.joining(", "));
    return down.isEmpty() ? null : "not serving: " + down;
  }

  /** @return null while every server is healthy, else the failures (the process should be restarted) */
  public String failure() {
    String failures = servers.stream().map(Server::failure).filter(java.util.Objects::nonNull).collect(Collectors.joining("; "));
    return failures.isEmpty() ? null : failures;
  }

  /** @return the management port it listens on */
  public int managementPort() {
    return management.port();
  }

  /** @return the servers started, in manifest order */
  public List<Server> servers() {
    return List.copyOf(servers);
  }

  /** @return the runtime's metrics */
  public RuntimeMetrics metrics() {
    return metrics;
  }

  /**
   * Stops gracefully: readiness goes down, every server stops taking work, in-flight work gets
   * up to {@code spec.drainTimeoutSeconds} to finish, then endpoints close. Safe to call twice.
   */
  @Override
  public void close() {
    stopping = true;
    synchronized (this) {
      if (management == null && servers.isEmpty() && endpoints == null && tracing == null) {
        return;
      }
      Duration drain = Duration.ofSeconds(manifest.getSpec().getDrainTimeoutSeconds());
      if (!servers.isEmpty()) {
        LOG.info("Stopping: draining in-flight requests for up to {} s", drain.toSeconds());
      }
      servers.forEach(Server::stop);
      long deadline = System.nanoTime() + drain.toNanos();
      for (Server server : servers) {
        try {
          server.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (endpoints != null) {
        endpoints.close();
        endpoints = null;
      }
      boolean served = !servers.isEmpty();
      servers.clear();
      if (tracing != null) {
        tracing.close(); // after the servers: their last spans are exported too
        tracing = null;
      }
      if (management != null) {
        management.close();
        management = null;
      }
      if (served) {
        LOG.info("Stopped"); // only after serving: a failed start ends with its reason (the pod's termination message)
      }
    }
  }
}
