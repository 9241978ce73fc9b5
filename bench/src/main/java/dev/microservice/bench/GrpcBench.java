package dev.microservice.bench;

import com.google.protobuf.ByteString;
import dev.microservice.model.ManifestParser;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import dev.microservice.runtime.MicroserviceRuntime;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** Closed-loop clients calling Command: the runtime with an echo endpoint vs. a hand-written echo server. */
final class GrpcBench {
  private final boolean quick;
  private final Path work;

  GrpcBench(boolean quick, Path work) {
    this.quick = quick;
    this.work = work;
  }

  /** Throughput (calls/s) and latencies of one system at one parameter set. */
  record Run(double throughput, double p50, double p99) {
    static Run mean(Run a, Run b) {
      return new Run((a.throughput + b.throughput) / 2, (a.p50 + b.p50) / 2, (a.p99 + b.p99) / 2);
    }
  }

  List<Result> run() throws Exception {
    List<Result> results = new ArrayList<>();
    int runtimePort = Ports.free();
    int baselinePort = Ports.free();
    String manifest = """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: bench}
        spec:
          servers:
            - name: rpc
              grpc: {port: %d, maxInboundMessageBytes: 1048576}
              namespaces: [{name: bench, services: [{name: echo, endpoint: echo}]}]
        """.formatted(runtimePort);
    try (MicroserviceRuntime runtime = new MicroserviceRuntime(ManifestParser.parse(manifest, "bench"),
        BenchEndpoints.jarDir(work.resolve("endpoints")), 0)) {
      runtime.start();
      Server baseline = BaselineGrpcServer.start(baselinePort);
      try {
        for (int payload : new int[] {100, 10 * 1024}) {
          for (int concurrency : quick ? new int[] {1, 16} : new int[] {1, 8, 32}) {
            // Baseline, ours, ours, baseline, averaged per side: neither side profits from going
            // first or last (warm-up, machine noise).
            Run base1 = measure(baselinePort, concurrency, payload);
            Run ours1 = measure(runtimePort, concurrency, payload);
            Run ours2 = measure(runtimePort, concurrency, payload);
            Run base2 = measure(baselinePort, concurrency, payload);
            Run base = Run.mean(base1, base2);
            Run ours = Run.mean(ours1, ours2);
            String params = "concurrency=" + concurrency + " payload=" + (payload >= 1024 ? payload / 1024 + "KB" : payload + "B");
            results.add(new Result("grpc", "throughput", ours.throughput(), base.throughput(), params));
            results.add(new Result("grpc", "p50", ours.p50(), base.p50(), params + " unit=ms"));
            results.add(new Result("grpc", "p99", ours.p99(), base.p99(), params + " unit=ms"));
          }
        }
      } finally {
        baseline.shutdownNow();
      }
    }
    return results;
  }

  private Run measure(int port, int concurrency, int payloadBytes) throws Exception {
    Duration warmup = Duration.ofSeconds(quick ? 1 : 3);
    Duration window = Duration.ofSeconds(quick ? 2 : 6);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      RPCMessage request = RPCMessage.newBuilder().setNamespace("bench").setService("echo")
          .setData(ByteString.copyFrom(new byte[payloadBytes])).build();
      var stub = MessageServiceGrpc.newBlockingStub(channel);
      List<Latencies> latencies = new ArrayList<>();
      AtomicBoolean recording = new AtomicBoolean(false);
      AtomicBoolean running = new AtomicBoolean(true);
      CountDownLatch done = new CountDownLatch(concurrency);
      for (int i = 0; i < concurrency; i++) {
        Latencies mine = new Latencies();
        latencies.add(mine);
        Thread t = new Thread(() -> {
          while (running.get()) {
            long start = System.nanoTime();
            stub.command(request);
            if (recording.get()) {
              mine.add(System.nanoTime() - start);
            }
          }
          done.countDown();
        });
        t.setDaemon(true);
        t.start();
      }
      Thread.sleep(warmup.toMillis());
      recording.set(true);
      long start = System.nanoTime();
      Thread.sleep(window.toMillis());
      recording.set(false);
      double seconds = (System.nanoTime() - start) / 1e9;
      running.set(false);
      done.await();
      long[] all = Latencies.merged(latencies);
      return new Run(all.length / seconds, Latencies.percentileMillis(all, 50), Latencies.percentileMillis(all, 99));
    } finally {
      channel.shutdownNow();
    }
  }
}
