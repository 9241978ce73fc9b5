package dev.microservice.runtime;

import dev.microservice.model.Consumption;
import dev.microservice.model.Manifest;
import dev.microservice.model.ServerSpec;
import dev.microservice.runtime.grpc.GrpcServer;
import dev.microservice.runtime.kafka.KafkaServer;
import dev.microservice.runtime.kafka.ShareKafkaServer;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.tracing.Tracing;
import java.util.Map;

/** Creates the {@link Server} a server spec describes. */
final class ServerFactory {
  private ServerFactory() {}

  static Server create(int index, Manifest manifest, ServerSpec spec, Router router, RuntimeMetrics metrics,
      Map<String, String> env, Tracing tracing) {
    String path = "spec.servers[" + index + "]";
    return switch (spec.type()) {
      case "grpc" -> new GrpcServer(index, spec, router, metrics, tracing);
      case "kafka" -> spec.getKafka().getConsumption() == Consumption.SHARE
          ? new ShareKafkaServer(path, manifest, spec, router, metrics, env, tracing)
          : new KafkaServer(path, manifest, spec, router, metrics, env, tracing);
      default -> throw new StartupException(path + ": set exactly one of 'grpc' or 'kafka'");
    };
  }
}
