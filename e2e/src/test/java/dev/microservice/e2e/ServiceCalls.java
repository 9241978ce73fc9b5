package dev.microservice.e2e;

import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * gRPC calls through a Service the way kube-proxy routes them (there is none here): to a ready endpoint of the
 * Service's EndpointSlices, which the real EndpointSlice controller derives from the pod status the node agent writes.
 */
final class ServiceCalls {
  private ServiceCalls() {}

  /**
   * @param client a client
   * @param namespace the Service's namespace
   * @param service the Service's name
   * @param portName the name of its port
   * @param readyPods the names of the pods the node agent runs ready for it
   * @return ip:port of a ready endpoint, or null while the slices do not list exactly those pods as ready
   */
  static String endpoint(KubernetesClient client, String namespace, String service, String portName, Set<String> readyPods) {
    ServicePort port = client.services().inNamespace(namespace).withName(service).get().getSpec().getPorts().stream()
        .filter(p -> portName.equals(p.getName())).findFirst().orElseThrow();
    Set<String> readyEndpoints = new HashSet<>();
    String target = null;
    for (EndpointSlice slice : client.discovery().v1().endpointSlices().inNamespace(namespace)
        .withLabel("kubernetes.io/service-name", service).list().getItems()) {
      Integer number = slice.getPorts().stream().filter(p -> port.getName().equals(p.getName())).map(EndpointPort::getPort)
          .findFirst().orElse(null);
      for (Endpoint e : slice.getEndpoints()) {
        if (e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()) && e.getTargetRef() != null) {
          readyEndpoints.add(e.getTargetRef().getName());
          target = number == null ? null : e.getAddresses().get(0) + ":" + number;
        }
      }
    }
    return !readyPods.isEmpty() && readyPods.equals(readyEndpoints) ? target : null;
  }

  /** Calls a service of the runtime over gRPC at ip:port and returns the answer's payload. */
  static String call(String target, String namespaceName, String svc, String payload) {
    String[] hostPort = target.split(":");
    ManagedChannel channel = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext().build();
    try {
      return MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .command(RPCMessage.newBuilder().setNamespace(namespaceName).setService(svc)
              .setData(com.google.protobuf.ByteString.copyFromUtf8(payload)).build())
          .getData().toStringUtf8();
    } finally {
      channel.shutdownNow();
    }
  }
}
