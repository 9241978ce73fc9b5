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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code msvc send grpc}: calls rpc.MessageService/Command and prints the reply. */
@Command(name = "grpc", mixinStandardHelpOptions = true, description = "Call rpc.MessageService/Command and print the reply.")
final class SendGrpcCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--address", defaultValue = "localhost:9090", description = "host:port of the gRPC server (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--timeout", defaultValue = "10s", description = "How long to wait for the reply, e.g. 500ms, 10s (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Parameters(index = "0", paramLabel = "<namespace>/<service>", description = "Where the message goes, e.g. greeter/hello.")
  String target;

  @Parameters(index = "1", paramLabel = "<payload>", description = "The message, sent as UTF-8.")
  String payload;

  @Override
  public Integer call() throws InterruptedException {
    Target t = Target.parse(target);
    Duration wait = Durations.parse("--timeout", timeout);
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      throw new CliException("--address must be host:port, got '" + address + "'");
    }
    ManagedChannel channel = NettyChannelBuilder.forAddress(address.substring(0, colon), Durations.port("--address", address.substring(colon + 1)))
        .usePlaintext().build();
    try {
      byte[] reply = MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(wait.toMillis(), TimeUnit.MILLISECONDS)
          .command(RPCMessage.newBuilder().setNamespace(t.namespace()).setService(t.service())
              .setData(ByteString.copyFrom(payload, StandardCharsets.UTF_8)).build())
          .getData().toByteArray();
      spec.commandLine().getOut().println(new String(reply, StandardCharsets.UTF_8));
      return 0;
    } catch (StatusRuntimeException e) {
      Status s = e.getStatus();
      if (s.getCode() == Status.Code.UNAVAILABLE) {
        throw new CliException("nothing answers at " + address + " (is './msvc run' running?)");
      }
      if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw new CliException("no reply from " + address + " within " + timeout);
      }
      throw new CliException(s.getCode() + ": " + s.getDescription());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
