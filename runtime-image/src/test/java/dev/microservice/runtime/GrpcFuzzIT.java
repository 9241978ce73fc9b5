package dev.microservice.runtime;

import dev.microservice.model.testing.PlantedSecretsCorpus;
import dev.microservice.model.testing.Fuzz;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.microservice.rpc.RPCMessage;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated gRPC requests against a running server: random names, envelopes, corrupt protobuf,
 * oversized messages, odd headers. Each gets a clean status with a short description that never
 * repeats the planted secret, within bounded time, and the server keeps serving.
 */
class GrpcFuzzIT {
  static final Set<Status.Code> CLEAN = Set.of(Status.Code.OK, Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT,
      Status.Code.RESOURCE_EXHAUSTED);
  static RunningRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = new RunningRuntime(TestSupport.testManifest(TestSupport.freePort()), TestEndpointsJar.build(Path.of("target/it-endpoints/fuzz")));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    runtime.close();
  }

  @Test
  void everyGeneratedRequestGetsACleanStatusAndTheServerKeepsServing() {
    AtomicInteger cases = new AtomicInteger();
    Fuzz.run("gRPC requests", 300, Duration.ofSeconds(10), random -> {
      Status status = send(random);
      assertThat(status.getCode()).as(String.valueOf(status)).isIn(CLEAN);
      if (status.getDescription() != null) {
        assertThat(status.getDescription()).hasSizeLessThan(700).doesNotContain(PlantedSecretsCorpus.CORE);
      }
      if (cases.incrementAndGet() % 25 == 0) {
        assertThat(runtime.call("test", "echo", "alive").getData().toStringUtf8()).isEqualTo("alive");
      }
    });
    assertThat(runtime.call("test", "echo", "alive").getData().toStringUtf8()).isEqualTo("alive");
  }

  private static Status send(Random random) {
    if (random.nextInt(4) == 0) {
      byte[] raw = new byte[random.nextInt(random.nextBoolean() ? 64 : 4000)];
      random.nextBytes(raw);
      return RawGrpc.call(runtime.channel, raw);
    }
    String namespace = random.nextInt(5) == 0 ? HostileRequests.text(random, random.nextInt(5000)) : "test";
    String service = switch (random.nextInt(4)) {
      case 0 -> "";
      case 1 -> HostileRequests.text(random, random.nextInt(300));
      default -> random.nextBoolean() ? "echo" : "silent";
    };
    byte[] payload = HostileRequests.payload(random);
    RPCMessage message = RPCMessage.newBuilder().setNamespace(namespace).setService(service)
        .setData(ByteString.copyFrom(payload, 0, Math.min(payload.length, random.nextInt(3) == 0 ? payload.length : 900))).build();
    try {
      var stub = runtime.stub();
      if (random.nextInt(4) == 0) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("service", Metadata.ASCII_STRING_MARSHALLER), "x".repeat(random.nextInt(6000)) + "-ab_c");
        stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
      }
      stub.command(message);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }
}
