package dev.microservice.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import dev.microservice.rpc.RPCResponse;
import dev.microservice.runtime.management.RawHttp;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime (its own process, as deployed) attacked at once by stalled HTTP requests on the
 * management port, idle and garbage HTTP/2 connections, oversized and corrupt gRPC requests and a
 * burst of valid calls. Every valid call succeeds, /readyz stays fast, the log stays short.
 */
class HostileClientIT {
  static final int VALID_CALLS = 3000;
  static final int STALLED_HTTP = 100;
  static final int IDLE_HTTP2 = 100;
  /** /readyz probes during the attack, kubelet-style (a new connection each). */
  static final int PROBES = 250;
  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
  /**
   * Between two hostile requests of one attacker thread: hundreds a second in all, a flood for a
   * pod, without starving this 2-core machine of CPU (which would measure the machine, not the server).
   */
  static final long PAUSE_MILLIS = 5;

  @TempDir Path tmp;
  private final AtomicBoolean attacking = new AtomicBoolean(true);

  @Test
  void validCallsSucceedAndReadinessStaysFastUnderAttack() throws Exception {
    int grpcPort = TestSupport.freePort();
    int managementPort = TestSupport.freePort();
    Path manifest = Files.writeString(tmp.resolve("hostile.yaml"), TestSupport.testManifestYaml(grpcPort, 64 * 1024, ""));
    Path jars = TestEndpointsJar.build(Path.of("target/it-endpoints/hostile-client"));
    ExecutorService attackers = Executors.newCachedThreadPool();
    ManagedChannel valid = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    ManagedChannel hostile = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    ConcurrentLinkedQueue<Socket> held = new ConcurrentLinkedQueue<>();
    try (RuntimeProcess rt = RuntimeProcess.start("hostile-client", "--manifest", manifest.toString(), "--endpoints", jars.toString(),
        "--management-port", String.valueOf(managementPort))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.statusOf(managementPort, "/readyz") == 200);
      for (int i = 0; i < 200; i++) {
        probe(managementPort); // warm both JVMs' code paths before measuring
      }
      valid(valid, 200).join();

      AtomicLong oversized = new AtomicLong();
      AtomicLong corrupt = new AtomicLong();
      attackers.submit(() -> stalledHttp(managementPort, held));
      attackers.submit(() -> idleHttp2(grpcPort, held));
      attackers.submit(() -> garbageHttp2(grpcPort));
      for (int i = 0; i < 2; i++) {
        attackers.submit(() -> oversized(hostile, oversized));
        attackers.submit(() -> corrupt(hostile, corrupt));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> held.size() >= STALLED_HTTP + IDLE_HTTP2 && oversized.get() > 10 && corrupt.get() > 10);

      CompletableFuture<List<Status>> burst = valid(valid, VALID_CALLS);
      List<Long> probes = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while ((!burst.isDone() || probes.size() < PROBES) && System.nanoTime() < deadline) {
        probes.add(probe(managementPort));
        Thread.sleep(30);
      }
      attacking.set(false);

      assertThat(burst.get(30, TimeUnit.SECONDS)).hasSize(VALID_CALLS).allMatch(Status::isOk);
      List<Long> sorted = probes.stream().sorted().toList();
      long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
      System.out.printf("hostile client: %d valid calls OK; %d oversized and %d corrupt requests refused; /readyz p50 %.1f ms,"
          + " p99 %.1f ms, max %.1f ms over %d probes%n", VALID_CALLS, oversized.get(), corrupt.get(),
          sorted.get(sorted.size() / 2) / 1e6, p99 / 1e6, sorted.get(sorted.size() - 1) / 1e6, sorted.size());
      assertThat(Duration.ofNanos(p99)).as("/readyz p99 during the attack").isLessThan(Duration.ofMillis(100));
      assertThat(rt.process.isAlive()).isTrue();
      assertThat(rt.output()).doesNotContain("\tat ").doesNotContain("[ERROR]");
      assertThat(rt.output().lines().count()).as("the log stays short").isLessThan(40);
    } finally {
      attacking.set(false);
      attackers.shutdownNow();
      attackers.awaitTermination(10, TimeUnit.SECONDS);
      held.forEach(HostileClientIT::closeQuietly);
      valid.shutdownNow();
      hostile.shutdownNow();
    }
  }

  /** One probe as kubelet sends it (a new connection, Connection: close); its duration in nanoseconds. */
  static long probe(int port) {
    long start = System.nanoTime();
    try (RawHttp http = new RawHttp(port)) {
      String answer = http.send("GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").response();
      assertThat(answer).startsWith("HTTP/1.1 200");
    }
    return System.nanoTime() - start;
  }

  static CompletableFuture<List<Status>> valid(ManagedChannel channel, int calls) {
    return CompletableFuture.supplyAsync(() -> {
      Semaphore inFlight = new Semaphore(16);
      List<CompletableFuture<Status>> results = new ArrayList<>();
      MessageServiceGrpc.MessageServiceFutureStub stub = MessageServiceGrpc.newFutureStub(channel);
      for (int i = 0; i < calls; i++) {
        inFlight.acquireUninterruptibly();
        CompletableFuture<Status> result = new CompletableFuture<>();
        var call = stub.withDeadlineAfter(30, TimeUnit.SECONDS).command(RunningRuntime.message("test", "echo", "call " + i));
        String expected = "call " + i;
        call.addListener(() -> {
          inFlight.release();
          try {
            RPCResponse reply = call.get();
            result.complete(reply.getData().toStringUtf8().equals(expected) ? Status.OK : Status.DATA_LOSS);
          } catch (Exception e) {
            result.complete(Status.fromThrowable(e));
          }
        }, Runnable::run);
        results.add(result);
      }
      return results.stream().map(CompletableFuture::join).toList();
    });
  }

  private void stalledHttp(int port, ConcurrentLinkedQueue<Socket> held) {
    List<Socket> mine = new ArrayList<>();
    while (attacking.get()) {
      mine.removeIf(Socket::isClosed);
      while (mine.size() < STALLED_HTTP && attacking.get()) {
        Socket s = connect(port, "GET /readyz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        if (s != null) {
          mine.add(s);
          held.add(s);
        }
      }
      sleep(200); // the server closes them after its request timeout; reopen them
      mine.forEach(s -> {
        try {
          if (s.getInputStream().available() == 0 && !s.isClosed()) {
            s.setSoTimeout(1);
            if (s.getInputStream().read() < 0) {
              s.close();
            }
          }
        } catch (IOException e) {
          closeQuietly(s);
        }
      });
    }
  }

  private void idleHttp2(int port, ConcurrentLinkedQueue<Socket> held) {
    for (int i = 0; i < IDLE_HTTP2 && attacking.get(); i++) {
      byte[] hello = new byte[PREFACE.length + EMPTY_SETTINGS.length];
      System.arraycopy(PREFACE, 0, hello, 0, PREFACE.length);
      System.arraycopy(EMPTY_SETTINGS, 0, hello, PREFACE.length, EMPTY_SETTINGS.length);
      Socket s = connect(port, i % 2 == 0 ? hello : new byte[0]); // the preface and nothing more, or nothing at all
      if (s != null) {
        held.add(s);
      }
    }
  }

  private void garbageHttp2(int port) {
    Random random = new Random(42);
    while (attacking.get()) {
      byte[] garbage = new byte[PREFACE.length + EMPTY_SETTINGS.length + 64 + random.nextInt(512)];
      random.nextBytes(garbage);
      System.arraycopy(PREFACE, 0, garbage, 0, PREFACE.length);
      System.arraycopy(EMPTY_SETTINGS, 0, garbage, PREFACE.length, EMPTY_SETTINGS.length);
      closeQuietly(connect(port, garbage));
      sleep(20);
    }
  }

  private void oversized(ManagedChannel channel, AtomicLong count) {
    MessageServiceGrpc.MessageServiceBlockingStub stub = MessageServiceGrpc.newBlockingStub(channel);
    RPCMessage big = RPCMessage.newBuilder().setNamespace("test").setService("echo")
        .setData(ByteString.copyFrom(new byte[256 * 1024])).build(); // four times the limit
    while (attacking.get()) {
      try {
        stub.withDeadlineAfter(10, TimeUnit.SECONDS).command(big);
      } catch (RuntimeException e) {
        count.incrementAndGet();
      }
      sleep(PAUSE_MILLIS);
    }
  }

  private void corrupt(ManagedChannel channel, AtomicLong count) {
    Random random = new Random(7);
    while (attacking.get()) {
      byte[] bytes = new byte[1 + random.nextInt(2000)];
      random.nextBytes(bytes);
      bytes[0] = (byte) 0xff;
      if (!RawGrpc.call(channel, bytes).isOk()) {
        count.incrementAndGet();
      }
      sleep(PAUSE_MILLIS);
    }
  }

  private static Socket connect(int port, byte[] first) {
    try {
      Socket s = new Socket("127.0.0.1", port);
      OutputStream out = s.getOutputStream();
      out.write(first);
      out.flush();
      return s;
    } catch (IOException e) {
      return null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // gone
      }
    }
  }
}
