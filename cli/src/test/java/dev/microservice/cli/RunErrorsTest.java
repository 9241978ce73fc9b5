package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** msvc run refuses to start, with one clear line, when something it needs is missing. */
class RunErrorsTest {
  static final String HELLO = RenderTest.ROOT.resolve("examples/hello/microservice.yaml").toString();

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void assertOneLineError(CliRun run, String start) {
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString().startsWith("error: " + start);
    assertThat(run.err()).doesNotContain("\tat ");
  }

  @Test
  void missingEndpointsDirectory() {
    CliRun run = CliRun.of("run", "-f", HELLO, "--endpoints", "/no/such/dir");
    assertOneLineError(run, "endpoints directory /no/such/dir does not exist");
  }

  @Test
  void occupiedPort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      CliRun run = CliRun.of("run", "-f", HELLO, "--port", "rpc=" + taken.getLocalPort(), "--management-port", String.valueOf(freePort()));
      assertOneLineError(run, "port " + taken.getLocalPort() + " (spec.servers[0].grpc.port) is already in use");
    }
  }

  @Test
  void unreachableKafka() throws IOException {
    CliRun run = CliRun.of("run", "-f", HELLO, "--kafka", "localhost:1", "--port", "rpc=" + freePort(),
        "--management-port", String.valueOf(freePort()));
    assertOneLineError(run, "cannot reach Kafka at localhost:1");
  }

  @Test
  void missingManifest() {
    assertOneLineError(CliRun.of("run", "-f", Path.of("nope.yaml").toString()), "cannot read nope.yaml: no such file");
  }
}
