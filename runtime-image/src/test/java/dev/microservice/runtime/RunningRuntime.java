package dev.microservice.runtime;

import dev.microservice.model.Manifest;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import dev.microservice.rpc.RPCResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A runtime started in this JVM and a real netty channel to its gRPC port. */
final class RunningRuntime implements AutoCloseable {
  final MicroserviceRuntime runtime;
  final ManagedChannel channel;
  final int grpcPort;

  RunningRuntime(Manifest manifest, Path endpoints) {
    this.grpcPort = manifest.getSpec().getServers().get(0).getGrpc().getPort();
    this.runtime = new MicroserviceRuntime(manifest, endpoints, 0);
    runtime.start();
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  MessageServiceGrpc.MessageServiceBlockingStub stub() {
    return MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  RPCResponse call(String namespace, String service, String data) {
    return stub().command(message(namespace, service, data));
  }

  RPCResponse callWithHeader(String namespace, String header, String value, String data) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
    return stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md)).command(message(namespace, "", data));
  }

  static RPCMessage message(String namespace, String service, String data) {
    return RPCMessage.newBuilder()
        .setNamespace(namespace)
        .setService(service)
        .setData(com.google.protobuf.ByteString.copyFromUtf8(data))
        .build();
  }

  int managementPort() {
    return runtime.managementPort();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    runtime.close();
  }
}
