package dev.microservice.runtime;

import dev.microservice.model.Manifest;
import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.grpc.GrpcServer;
import dev.microservice.runtime.kafka.KafkaServer;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;

/** Creates the {@link Server} a server spec describes. */
final class ServerFactory {
  private ServerFactory() {}

  private static int index(String path) {
    return Integer.parseInt(path.replaceAll("\\D", ""));
  }

  static Server create(String path, Manifest manifest, ServerSpec spec, Router router, RuntimeMetrics metrics) {
    return switch (spec.type()) {
      case "grpc" -> new GrpcServer(index(path), spec, router, metrics);
      case "kafka" -> new KafkaServer(path, manifest, spec, router, metrics, System.getenv());
      default -> throw new StartupException(path + ": set exactly one of 'grpc' or 'kafka'");
    };
  }
}
