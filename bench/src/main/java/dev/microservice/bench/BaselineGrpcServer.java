package dev.microservice.bench;

import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import dev.microservice.rpc.RPCResponse;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/** The baseline: a hand-written grpc-java server of the same proto with the same echo logic. */
public final class BaselineGrpcServer {
  private BaselineGrpcServer() {}

  static Server start(int port) throws IOException {
    return NettyServerBuilder.forPort(port)
        .addService(new MessageServiceGrpc.MessageServiceImplBase() {
          @Override
          public void command(RPCMessage request, StreamObserver<RPCResponse> responses) {
            responses.onNext(RPCResponse.newBuilder().setData(request.getData()).build());
            responses.onCompleted();
          }
        })
        .build().start();
  }

  /**
   * Runs the baseline server as its own process (for the start-up benchmark).
   *
   * @param args the port
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    start(Integer.parseInt(args[0])).awaitTermination();
  }
}
