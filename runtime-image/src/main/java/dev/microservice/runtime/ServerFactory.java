package dev.microservice.runtime;

import dev.microservice.model.Consumption;
import dev.microservice.model.Manifest;
import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.grpc.GrpcServer;
import dev.microservice.runtime.kafka.KafkaServer;
import dev.microservice.runtime.kafka.ShareKafkaServer;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;

/** Creates the {@link Server} a server spec describes. */
final class ServerFactory {
  private ServerFactory() {}

  static Server create(int index, Manifest manifest, ServerSpec spec, Router router, RuntimeMetrics metrics) {
    String path = "spec.servers[" + index + "]";
    return switch (spec.type()) {
      case "grpc" -> new GrpcServer(index, spec, router, metrics);
      case "kafka" -> spec.getKafka().getConsumption() == Consumption.SHARE
          ? new ShareKafkaServer(path, manifest, spec, router, metrics, System.getenv())
          : new KafkaServer(path, manifest, spec, router, metrics, System.getenv());
      default -> throw new StartupException(path + ": set exactly one of 'grpc' or 'kafka'");
    };
  }
}
