package dev.microservice.bench;

import com.google.protobuf.ByteString;
import dev.microservice.model.contract.RuntimeContract;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Process start to first answered call: the runtime with the hello endpoint (gRPC only) vs. a
 * minimal grpc-java server process; and the resident memory of both once serving.
 */
final class StartupBench {
  private final boolean quick;
  private final Path root;
  private final Path work;

  StartupBench(boolean quick, Path root, Path work) {
    this.quick = quick;
    this.root = root;
    this.work = work;
  }

  /** One start: milliseconds to the first answer (and to /readyz for the runtime), RSS once serving. */
  record Start(double millis, double readyMillis, double rssMib) {}

  List<Result> run() throws Exception {
    int repeats = quick ? 3 : 7;
    List<Start> ours = new ArrayList<>();
    List<Start> base = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      base.add(baseline());
      ours.add(runtime());
    }
    return List.of(
        new Result("startup", "time", median(ours, Start::millis), median(base, Start::millis),
            "first answered call, median of " + repeats + " unit=ms; runtime /readyz at " + Math.round(median(ours, Start::readyMillis)) + " ms"),
        new Result("startup", "rss", median(ours, Start::rssMib), median(base, Start::rssMib), "once serving, unit=MiB"));
  }

  private Start runtime() throws Exception {
    int grpc = Ports.free();
    int management = Ports.free();
    Path manifest = work.resolve("startup.yaml");
    Files.createDirectories(work);
    Files.writeString(manifest, """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: greeter}
        spec:
          servers:
            - name: rpc
              grpc: {port: %d}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]
        """.formatted(grpc));
    long start = System.nanoTime();
    List<String> command = new ArrayList<>(List.of(Processes.JAVA, "-jar", root.resolve("runtime-image/target/microservice-runtime.jar").toString()));
    command.addAll(RuntimeContract.args(manifest.toString(), root.resolve("examples/hello/target").toString(), management));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("startup-runtime.log").toFile()).start();
    try {
      double ready = Double.NaN;
      while (true) {
        if (Double.isNaN(ready) && Processes.httpOk("http://127.0.0.1:" + management + RuntimeContract.READY_PATH)) {
          ready = (System.nanoTime() - start) / 1e6;
        }
        if (answers(grpc, "greeter", "hello")) {
          double first = (System.nanoTime() - start) / 1e6;
          while (Double.isNaN(ready) && !Processes.httpOk("http://127.0.0.1:" + management + RuntimeContract.READY_PATH)) {
            Thread.sleep(5);
          }
          ready = Double.isNaN(ready) ? (System.nanoTime() - start) / 1e6 : ready;
          return new Start(first, ready, Processes.rssMib(p.pid()));
        }
        check(p);
      }
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Start baseline() throws Exception {
    int grpc = Ports.free();
    long start = System.nanoTime();
    Process p = new ProcessBuilder(Processes.JAVA, "-cp", Processes.benchJar().toString(), BaselineGrpcServer.class.getName(),
        String.valueOf(grpc)).redirectErrorStream(true).redirectOutput(work.resolve("startup-baseline.log").toFile()).start();
    try {
      while (!answers(grpc, "greeter", "hello")) {
        check(p);
      }
      double first = (System.nanoTime() - start) / 1e6;
      return new Start(first, first, Processes.rssMib(p.pid()));
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void check(Process p) throws InterruptedException {
    if (!p.isAlive()) {
      throw new IllegalStateException("the process under test exited with " + p.exitValue());
    }
    Thread.sleep(5);
  }

  private static boolean answers(int port, String namespace, String service) {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      MessageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
          .command(RPCMessage.newBuilder().setNamespace(namespace).setService(service).setData(ByteString.copyFromUtf8("x")).build());
      return true;
    } catch (RuntimeException e) {
      return false;
    } finally {
      channel.shutdownNow();
    }
  }

  private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> f) {
    double[] v = starts.stream().mapToDouble(f).sorted().toArray();
    return v[v.length / 2];
  }
}
