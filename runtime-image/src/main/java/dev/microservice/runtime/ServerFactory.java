package dev.microservice.runtime;

import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.grpc.GrpcServer;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;

/** Creates the {@link Server} a server spec describes. */
final class ServerFactory {
  private ServerFactory() {}

  static Server create(String path, ServerSpec spec, Router router, RuntimeMetrics metrics) {
    return switch (spec.type()) {
      case "grpc" -> new GrpcServer(spec, router, metrics);
      case "kafka" -> throw new StartupException(path + ".kafka: Kafka servers are not supported by this runtime yet");
      default -> throw new StartupException(path + ": set exactly one of 'grpc' or 'kafka'");
    };
  }
}
