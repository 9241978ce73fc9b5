package dev.microservice.runtime;

/**
 * Loads the gRPC and netty classes on a second thread while the main thread parses the manifest
 * and loads endpoints: start-up is mostly class loading, and this overlaps the two halves.
 */
final class Warmup {
  private static final String[] CLASSES = {
      "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder",
      "io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup",
      "io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup",
      "io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler",
      "io.grpc.protobuf.services.HealthStatusManager",
      "io.grpc.protobuf.services.ProtoReflectionServiceV1",
      "io.grpc.internal.ServerImpl",
      "dev.microservice.rpc.MessageServiceGrpc",
      "dev.microservice.rpc.RpcProto",
      "com.sun.net.httpserver.HttpServer",
  };

  private Warmup() {}

  static void start() {
    Thread t = new Thread(() -> {
      ClassLoader loader = Warmup.class.getClassLoader();
      for (String name : CLASSES) {
        try {
          Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // only a warm-up: the real use reports real problems
        }
      }
    }, "warmup");
    t.setDaemon(true);
    t.start();
  }
}
