package dev.microservice.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime as users run it: {@code java -jar microservice-runtime.jar}, as a separate process. */
class RuntimeProcessIT {
  static Path testJars;
  static ManagedChannel channel;

  @TempDir Path tmp;

  @BeforeAll
  static void jars() {
    testJars = TestEndpointsJar.build(Path.of("target/it-endpoints/process"));
  }

  @AfterAll
  static void closeChannel() {
    if (channel != null) {
      channel.shutdownNow();
    }
  }

  @Test
  void missingEndpointFailsAtStartNamingPathAndAlternatives() throws Exception {
    Path manifest = write("missing.yaml", Files.readString(TestSupport.HELLO_MANIFEST).replace("endpoint: hello", "endpoint: helo"));
    try (RuntimeProcess rt = RuntimeProcess.start("missing-endpoint",
        "--manifest", manifest.toString(), "--endpoints", TestSupport.HELLO_JARS.toString(),
        "--management-port", String.valueOf(TestSupport.freePort()))) {
      assertThat(rt.exitCode(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(rt.output())
          .contains("spec.servers[0].namespaces[0].services[0].endpoint: no endpoint named 'helo'; available: goodbye, hello")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void invalidManifestFailsAtStartListingEveryProblem() throws Exception {
    Path manifest = write("invalid.yaml", """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: greeter}
        spec:
          servers:
            - name: rpc
              grpc: {port: 70000}
              kafka: {bootstrapServers: "localhost:9092"}
              namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]
            - name: rpc
              grpc: {port: 9090}
              namespaces: []
        """);
    try (RuntimeProcess rt = RuntimeProcess.start("invalid-manifest",
        "--manifest", manifest.toString(), "--endpoints", TestSupport.HELLO_JARS.toString())) {
      assertThat(rt.exitCode(Duration.ofSeconds(30))).isEqualTo(1);
      assertThat(rt.output())
          .contains("spec.servers[0]: set exactly one of 'grpc' or 'kafka', not both")
          .contains("spec.servers[0].grpc.port: must be between 1 and 65535, got 70000")
          .contains("spec.servers[1].name: duplicate server name 'rpc' (first at spec.servers[0])")
          .contains("spec.servers[1].namespaces: must list at least one namespace")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void badCommandLineExitsWithUsage() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("bad-args", "--manifest", "x.yaml", "--bogus")) {
      assertThat(rt.exitCode(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(rt.output()).contains("error: unknown argument '--bogus'").contains("usage: java -jar microservice-runtime.jar");
    }
  }

  @Test
  void readyOnlyOnceGrpcServes() throws Exception {
    int grpcPort = TestSupport.freePort();
    int mgmtPort = TestSupport.freePort();
    Path gate = tmp.resolve("gate");
    Path manifest = write("gated.yaml", TestSupport.testManifestYaml(grpcPort, 1024, "gate.file: " + gate));
    try (RuntimeProcess rt = RuntimeProcess.start("readyz-flip", "--manifest", manifest.toString(),
        "--endpoints", testJars.toString(), "--management-port", String.valueOf(mgmtPort))) {
      // The management port answers while the endpoints initialise, but says "not ready".
      await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.statusOf(mgmtPort, "/healthz") == 200);
      assertThat(TestSupport.get(mgmtPort, "/readyz").statusCode()).isEqualTo(503);
      assertThat(TestSupport.get(mgmtPort, "/readyz").body()).contains("starting");
      StatusRuntimeException notYet = org.assertj.core.api.Assertions.catchThrowableOfType(
          StatusRuntimeException.class, () -> stub(grpcPort).command(RunningRuntime.message("solo", "", "x")));
      assertThat(notYet.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

      Files.createFile(gate);
      await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.statusOf(mgmtPort, "/readyz") == 200);
      assertThat(stub(grpcPort).command(RunningRuntime.message("solo", "", "open")).getData().toStringUtf8()).isEqualTo("open");
    }
  }

  @Test
  void sigtermLetsTheInFlightCallFinishThenExitsZero() throws Exception {
    int grpcPort = TestSupport.freePort();
    int mgmtPort = TestSupport.freePort();
    Path manifest = write("drain.yaml", TestSupport.testManifestYaml(grpcPort, 1024, ""));
    try (RuntimeProcess rt = RuntimeProcess.start("sigterm-drain", "--manifest", manifest.toString(),
        "--endpoints", testJars.toString(), "--management-port", String.valueOf(mgmtPort))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.statusOf(mgmtPort, "/readyz") == 200);
      CompletableFuture<RPCResponse> slowCall = CompletableFuture.supplyAsync(
          () -> stub(grpcPort).command(RunningRuntime.message("test", "slow", "1500")));
      await().atMost(Duration.ofSeconds(10)).until(() -> inFlight(mgmtPort) == 1);

      rt.sigterm();

      assertThat(slowCall.get(20, TimeUnit.SECONDS).getData().toStringUtf8()).isEqualTo("slept 1500 ms");
      assertThat(rt.exitCode(Duration.ofSeconds(20))).isEqualTo(0);
      assertThat(rt.output()).contains("SIGTERM received: stopping gracefully").contains("Stopped");
    }
  }

  private static double inFlight(int mgmtPort) {
    return TestSupport.get(mgmtPort, "/metrics").body().lines()
        .filter(l -> l.startsWith("microservice_requests_in_flight{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static MessageServiceGrpc.MessageServiceBlockingStub stub(int port) {
    ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    synchronized (RuntimeProcessIT.class) {
      if (channel != null) {
        channel.shutdownNow();
      }
      channel = ch;
    }
    return MessageServiceGrpc.newBlockingStub(ch).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  private Path write(String name, String content) throws Exception {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
