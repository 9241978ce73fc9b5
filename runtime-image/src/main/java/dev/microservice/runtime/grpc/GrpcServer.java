package dev.microservice.runtime.grpc;

import dev.microservice.model.GrpcServerSpec;
import dev.microservice.model.SecretField;
import dev.microservice.model.SecretReference;
import dev.microservice.model.SecretReferences;
import dev.microservice.model.ServerSpec;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.runtime.Server;
import dev.microservice.runtime.StartupException;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.secrets.SecretReader;
import dev.microservice.runtime.tracing.Tracing;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server (netty) serving {@code rpc.MessageService}, {@code grpc.health.v1.Health} (overall,
 * per service and per namespace) and, unless turned off, server reflection.
 */
public final class GrpcServer implements Server {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcServer.class);

  private final int index;
  private final ServerSpec spec;
  private final Router router;
  private final RuntimeMetrics metrics;
  private final Tracing tracing;
  private final HealthStatusManager health = new HealthStatusManager();
  private volatile io.grpc.Server server;

  /**
   * Creates the server; nothing listens before {@link #start()}.
   *
   * @param index the server's index in spec.servers, for error messages
   * @param spec the server's spec (its {@code grpc} part is set)
   * @param router its namespaces and services
   * @param metrics where request outcomes are counted
   * @param tracing starts each call's span
   */
  public GrpcServer(int index, ServerSpec spec, Router router, RuntimeMetrics metrics, Tracing tracing) {
    this.index = index;
    this.spec = spec;
    this.router = router;
    this.metrics = metrics;
    this.tracing = tracing;
  }

  @Override
  public String name() {
    return spec.getName();
  }

  @Override
  public void start() throws IOException {
    GrpcLogs.install();
    GrpcServerSpec grpc = spec.getGrpc();
    RejectionLog rejections = new RejectionLog(spec.getName());
    NettyServerBuilder builder = NettyServerBuilder.forPort(grpc.getPort())
        .maxInboundMessageSize(grpc.getMaxInboundMessageBytes())
        .addStreamTracerFactory(new CallTracer(spec.getName(), metrics, rejections))
        .addService(ServerInterceptors.intercept(
            CommandService.bind(new CommandHandler(spec.getName(), router, metrics, rejections, tracing)), new MetadataInterceptor()))
        .addService(health.getHealthService());
    if (grpc.getTls() != null) {
      builder.sslContext(tls());
    }
    if (!Boolean.FALSE.equals(grpc.getReflection())) {
      builder.addService(ProtoReflectionServiceV1.newInstance());
    }
    server = builder.build().start();
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    health.setStatus(MessageServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    router.namespaces().forEach(ns -> health.setStatus(ns, ServingStatus.SERVING));
    LOG.info("gRPC server '{}' listening on port {}, namespaces: {}", name(), server.getPort(),
        String.join(", ", router.namespaces()));
  }

  private SslContext tls() {
    SecretReader files = new SecretReader(Map.of());
    String path = "spec.servers[" + index + "].grpc.tls";
    File certificate = null;
    File key = null;
    for (SecretReference ref : SecretReferences.of("spec.servers[" + index + "]", spec)) {
      File file = new File(files.file(ref.path(), ref.source()));
      if (ref.field() == SecretField.GRPC_CERTIFICATE) {
        certificate = file;
      } else if (ref.field() == SecretField.GRPC_PRIVATE_KEY) {
        key = file;
      }
    }
    if (certificate == null || key == null) {
      throw new StartupException(path + ": set both 'certificate' and 'privateKey'");
    }
    try {
      return GrpcSslContexts.forServer(certificate, key).build();
    } catch (IOException | IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage()).replace(certificate.toString(), "(certificate file)").replace(key.toString(), "(key file)");
      throw new StartupException(path + ": cannot use the certificate and private key: " + why, e);
    }
  }

  /** @return the port it listens on (useful when the spec asked for any port) */
  public int port() {
    return server.getPort();
  }

  @Override
  public void stop() {
    health.enterTerminalState();
    io.grpc.Server s = server;
    if (s != null) {
      s.shutdown();
    }
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    io.grpc.Server s = server;
    if (s == null) {
      return true;
    }
    if (s.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    LOG.warn("gRPC server '{}': calls still running after {} s; cancelling them", name(), timeout.toSeconds());
    s.shutdownNow();
    s.awaitTermination(5, TimeUnit.SECONDS);
    return false;
  }

  @Override
  public boolean isServing() {
    io.grpc.Server s = server;
    return s != null && !s.isShutdown();
  }
}
