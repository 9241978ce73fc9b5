package dev.microservice.runtime;

import static dev.microservice.runtime.GrpcServerIT.counter;
import static dev.microservice.runtime.GrpcServerIT.failure;
import static dev.microservice.runtime.RunningRuntime.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.rpc.RPCMessage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gRPC defects of "Hostile input" (4 and 6, and 3 for the envelope), against a runtime in this JVM; each failed before the fix. */
class HostileInputIT {
  static RunningRuntime test;
  static RunningRuntime hello;

  @BeforeAll
  static void start() {
    test = new RunningRuntime(TestSupport.testManifest(TestSupport.freePort()), TestEndpointsJar.build(Path.of("target/it-endpoints/hostile")));
    hello = new RunningRuntime(TestSupport.helloManifest(TestSupport.freePort()), TestSupport.HELLO_JARS);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    test.close();
    hello.close();
  }

  @Test
  void oversizedRequestsAreCountedAndLoggedOnceWithoutAStackTrace() {
    double before = counter(test, "_unknown", "RESOURCE_EXHAUSTED");
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 40; i++) {
        StatusRuntimeException e = failure(() -> test.call("test", "echo", "x".repeat(5000)));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      }
      assertThat(counter(test, "_unknown", "RESOURCE_EXHAUSTED")).isEqualTo(before + 40);
      assertThat(log.text()).doesNotContain("\tat ").doesNotContain("Exception processing message");
      assertThat(log.text().lines().filter(l -> l.contains("rejected")).count()).isLessThanOrEqualTo(1);
      assertThat(log.records()).noneMatch(r -> r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue());
    }
    assertThat(test.call("test", "echo", "still serving").getData().toStringUtf8()).isEqualTo("still serving");
  }

  @Test
  void corruptProtobufIsInvalidArgumentCountedAndLoggedOnceWithoutAStackTrace() {
    double before = counter(test, "_unknown", "INVALID_ARGUMENT");
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 40; i++) {
        Status status = RawGrpc.call(test.channel, new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3, (byte) i});
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).startsWith("the request is not a valid rpc.RPCMessage: ");
      }
      assertThat(counter(test, "_unknown", "INVALID_ARGUMENT")).isEqualTo(before + 40);
      assertThat(log.text()).doesNotContain("\tat ").doesNotContain("[ERROR]");
      assertThat(log.text().lines().filter(l -> l.contains("rejected")).count()).isLessThanOrEqualTo(1);
      assertThat(log.records()).noneMatch(r -> r.getThrown() != null && r.getLevel().intValue() >= Level.WARNING.intValue());
    }
    byte[] valid = message("test", "echo", "ok").toByteArray();
    assertThat(RawGrpc.call(test.channel, valid).getCode()).isEqualTo(Status.Code.OK);
  }

  @Test
  void notFoundRepeatsOnlyAShortEscapedPrefixOfTheName() {
    String huge = "n\r\n\u0000" + "x".repeat(3 * 1024 * 1024);
    StatusRuntimeException namespace = failure(() -> hello.stub().command(RPCMessage.newBuilder().setNamespace(huge).build()));
    assertThat(namespace.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(namespace.getStatus().getDescription())
        .startsWith("unknown namespace 'n\\u000d\\u000a\\u0000xxx").contains("... (3145732 characters); this server serves: greeter")
        .hasSizeLessThan(200);
    StatusRuntimeException service = failure(() -> hello.call("greeter", "s".repeat(1_000_000), "x"));
    assertThat(service.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(service.getStatus().getDescription()).hasSizeLessThan(200).endsWith("in namespace 'greeter'; known services: hello");
    StatusRuntimeException header = failure(() -> hello.callWithHeader("greeter", "service", "h".repeat(7000), "x"));
    assertThat(header.getStatus().getDescription()).hasSizeLessThan(200);
  }

  @Test
  void anEnvelopeWithDuplicateKeysOrTrailingTextIsInvalidArgument() {
    for (String bad : new String[] {
        "{\"service\":\"echo\",\"service\":\"context\",\"service_message\":\"x\"}",
        "{\"service\":\"echo\",\"service_message\":{\"a\":1,\"a\":2}}",
        "{\"service\":\"echo\",\"service_message\":\"x\"} trailing",
        "{\"service\":\"echo\",\"service_message\":\"x\"}{\"service\":\"context\"}"}) {
      StatusRuntimeException e = failure(() -> test.call("test", "", bad));
      assertThat(e.getStatus().getCode()).as(bad).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(e.getStatus().getDescription()).as(bad).startsWith("malformed envelope: ").doesNotContain("trailing");
    }
    StatusRuntimeException single = failure(() -> test.call("solo", "", "{\"service\":\"gated\",\"service\":\"gated\"}"));
    assertThat(single.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }
}
