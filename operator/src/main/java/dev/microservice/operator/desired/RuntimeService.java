package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import dev.microservice.model.ServerSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

/** The Service exposing a MicroService's gRPC ports; none when it has no gRPC server. */
public final class RuntimeService {
  private RuntimeService() {}

  /** @return whether the MicroService needs a Service */
  public static boolean needed(MicroService ms) {
    return !ports(ms).isEmpty();
  }

  /** @return the desired Service (with no ports when none is needed) */
  public static Service of(MicroService ms) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Labels.selector(ms))
        .withPorts(ports(ms))
        .endSpec()
        .build();
  }

  private static List<ServicePort> ports(MicroService ms) {
    return ms.getSpec().getServers().stream()
        .filter(s -> s.getGrpc() != null)
        .map(RuntimeService::port)
        .toList();
  }

  private static ServicePort port(ServerSpec s) {
    return new ServicePortBuilder()
        .withName(s.getName())
        .withProtocol("TCP")
        .withPort(s.getGrpc().getPort())
        .withTargetPort(new IntOrString(s.getName()))
        .build();
  }
}
