package dev.microservice.runtime;

import static dev.microservice.runtime.RunningRuntime.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.microservice.rpc.RPCResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runtime's gRPC server over real netty sockets: routing, status codes, deadlines, health, reflection, metrics. */
class GrpcServerIT {
  static RunningRuntime hello;
  static RunningRuntime test;

  @BeforeAll
  static void start() {
    hello = new RunningRuntime(TestSupport.helloManifest(TestSupport.freePort()), TestSupport.HELLO_JARS);
    Path jars = TestEndpointsJar.build(Path.of("target/it-endpoints/grpc"));
    test = new RunningRuntime(TestSupport.testManifest(TestSupport.freePort()), jars);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    hello.close();
    test.close();
  }

  @Test
  void helloByServiceField() {
    assertThat(hello.call("greeter", "hello", "World").getData().toStringUtf8()).isEqualTo("Hello, World!");
  }

  @Test
  void helloByServiceMetadata() {
    assertThat(hello.callWithHeader("greeter", "service", "hello", "Metadata").getData().toStringUtf8())
        .isEqualTo("Hello, Metadata!");
  }

  @Test
  void helloBySeedEnvelopeWithoutServiceField() {
    RPCResponse reply = hello.call("greeter", "", "{\"service\": \"hello\", \"service_message\": \"Envelope\"}");
    assertThat(reply.getData().toStringUtf8()).isEqualTo("Hello, Envelope!");
    assertThat(reply.getError()).isEmpty();
  }

  @Test
  void unknownNamespaceIsNotFound() {
    StatusRuntimeException e = failure(() -> hello.call("nope", "hello", "x"));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).isEqualTo("unknown namespace 'nope'; this server serves: greeter");
    helloByServiceField();
  }

  @Test
  void unknownServiceIsNotFound() {
    StatusRuntimeException e = failure(() -> hello.call("greeter", "bye", "x"));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("unknown service 'bye' in namespace 'greeter'; known services: hello");
    StatusRuntimeException viaEnvelope = failure(() -> hello.call("greeter", "", "{\"service\":\"bye\"}"));
    assertThat(viaEnvelope.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    helloByServiceField();
  }

  @Test
  void unroutableMessageIsInvalidArgument() {
    StatusRuntimeException e = failure(() -> test.call("test", "", "no service named"));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription()).startsWith("cannot route a message in namespace 'test'");
  }

  @Test
  void oversizedMessageIsResourceExhausted() {
    StatusRuntimeException e = failure(() -> test.call("test", "echo", "x".repeat(2048)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(e.getStatus().getDescription()).contains("1024");
    assertThat(test.call("test", "echo", "small").getData().toStringUtf8()).isEqualTo("small");
  }

  @Test
  void endpointExceptionsKeepTheirStatus() {
    StatusRuntimeException invalid = failure(() -> test.call("test", "fail", "invalid"));
    assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(invalid.getStatus().getDescription()).isEqualTo("order id must be numeric");
    StatusRuntimeException unavailable = failure(() -> test.call("test", "fail", "unavailable"));
    assertThat(unavailable.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(unavailable.getStatus().getDescription()).isEqualTo("inventory service is down");
  }

  @Test
  void otherEndpointFailuresAreInternalWithoutDetails() {
    StatusRuntimeException e = failure(() -> test.call("test", "fail", "crash"));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription())
        .matches("service 'fail' failed with IllegalStateException; see the runtime log, error id [0-9a-f]{8}")
        .doesNotContain("hunter2");
    assertThat(e.getStatus().getCause()).isNull();
    assertThat(test.call("test", "echo", "still serving").getData().toStringUtf8()).isEqualTo("still serving");
  }

  @Test
  void deadlineIsHonouredAndTheEndpointIsInterrupted() {
    double before = counter(test, "slow", "DEADLINE_EXCEEDED");
    long start = System.nanoTime();
    StatusRuntimeException e = failure(() ->
        test.stub().withDeadlineAfter(300, TimeUnit.MILLISECONDS).command(message("test", "slow", "20000")));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    // The server side saw the deadline too: the sleeping endpoint was interrupted, not left running.
    await().atMost(Duration.ofSeconds(5)).until(() -> counter(test, "slow", "DEADLINE_EXCEEDED") == before + 1);
    assertThat(test.call("test", "slow", "1").getData().toStringUtf8()).isEqualTo("slept 1 ms");
  }

  @Test
  void requestContextCarriesDeadlineAndMetadata() {
    io.grpc.Metadata md = new io.grpc.Metadata();
    md.put(io.grpc.Metadata.Key.of("x-request-id", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "req-42");
    String reply = test.stub()
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(md))
        .command(message("test", "context", ""))
        .getData().toStringUtf8();
    Matcher m = Pattern.compile("GRPC test/context remaining=(\\d+) x-request-id=req-42 loader=endpoints:test-endpoints.jar").matcher(reply);
    assertThat(m.matches()).as(reply).isTrue();
    assertThat(Long.parseLong(m.group(1))).isBetween(1L, 5000L);
  }

  @Test
  void nullReplyIsAnEmptyResponse() {
    RPCResponse reply = test.call("test", "silent", "anything");
    assertThat(reply.getData().isEmpty()).isTrue();
    assertThat(reply.getError()).isEmpty();
  }

  @Test
  void healthIsServingOverallPerServiceAndPerNamespace() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(test.channel);
    for (String service : List.of("", "rpc.MessageService", "test", "solo")) {
      assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
          .as("health of '%s'", service).isEqualTo(ServingStatus.SERVING);
    }
    StatusRuntimeException e = failure(() -> health.check(HealthCheckRequest.newBuilder().setService("nope").build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void reflectionListsTheServices() throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(hello.channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override public void onNext(ServerReflectionResponse r) { answer.complete(r); }
          @Override public void onError(Throwable t) { answer.completeExceptionally(t); }
          @Override public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    List<String> services = answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList()
        .stream().map(ServiceResponse::getName).toList();
    requests.onCompleted();
    assertThat(services).contains("rpc.MessageService", "grpc.health.v1.Health");
  }

  @Test
  void readyAndMetricsCountTheCalls() {
    assertThat(TestSupport.get(hello.managementPort(), "/readyz").statusCode()).isEqualTo(200);
    assertThat(TestSupport.get(hello.managementPort(), "/healthz").statusCode()).isEqualTo(200);
    double ok = counter(hello, "hello", "OK");
    double notFound = counter(hello, "_unknown", "NOT_FOUND");
    for (int i = 0; i < 3; i++) {
      hello.call("greeter", "hello", "n" + i);
    }
    failure(() -> hello.call("greeter", "no-such-service", "x"));
    assertThat(counter(hello, "hello", "OK")).isEqualTo(ok + 3);
    assertThat(counter(hello, "_unknown", "NOT_FOUND")).isEqualTo(notFound + 1);
    assertThat(TestSupport.get(hello.managementPort(), "/metrics").body()).contains("microservice_request_duration_seconds_bucket{");
    // JVM metrics are registered just after start-up, off its critical path.
    await().atMost(Duration.ofSeconds(10)).until(() -> TestSupport.get(hello.managementPort(), "/metrics").body().contains("jvm_memory_used_bytes"));
  }

  /** Value of microservice_requests_total for a service and code of the "rpc" server, 0 when absent. */
  static double counter(RunningRuntime rt, String service, String code) {
    String body = TestSupport.get(rt.managementPort(), "/metrics").body();
    return body.lines()
        .filter(l -> l.startsWith("microservice_requests_total{"))
        .filter(l -> l.contains("service=\"" + service + "\"") && l.contains("code=\"" + code + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  static StatusRuntimeException failure(Runnable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
    assertThat(e).as("expected the call to fail").isNotNull();
    return e;
  }
}
