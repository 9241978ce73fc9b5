package dev.microservice.cli;

import com.google.protobuf.ByteString;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code msvc send grpc}: calls rpc.MessageService/Command and prints the reply. */
@Command(name = "grpc", mixinStandardHelpOptions = true, description = "Call rpc.MessageService/Command and print the reply.")
final class SendGrpcCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--address", defaultValue = "localhost:9090", description = "host:port of the gRPC server (default: ${DEFAULT-VALUE}).")
  String address;

  @Mixin SendArguments args;

  @Override
  public Integer call() throws InterruptedException {
    Target t = args.target();
    Duration wait = args.timeout();
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      throw new CliException("--address must be host:port, got '" + address + "'");
    }
    ManagedChannel channel = NettyChannelBuilder.forAddress(address.substring(0, colon), Durations.port("--address", address.substring(colon + 1)))
        .usePlaintext().build();
    try {
      byte[] reply = MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(wait.toMillis(), TimeUnit.MILLISECONDS)
          .command(RPCMessage.newBuilder().setNamespace(t.namespace()).setService(t.service())
              .setData(ByteString.copyFrom(args.payload, StandardCharsets.UTF_8)).build())
          .getData().toByteArray();
      spec.commandLine().getOut().println(new String(reply, StandardCharsets.UTF_8));
      return 0;
    } catch (StatusRuntimeException e) {
      Status s = e.getStatus();
      if (s.getCode() == Status.Code.UNAVAILABLE) {
        throw new CliException("nothing answers at " + address + " (is './msvc run' running?)");
      }
      if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw new CliException("no reply from " + address + " within " + args.timeout);
      }
      throw new CliException(s.getCode() + ": " + s.getDescription());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
