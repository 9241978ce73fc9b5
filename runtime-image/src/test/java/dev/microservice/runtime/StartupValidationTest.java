package dev.microservice.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of invalid manifest stops the runtime at start, naming the path and the reason. */
class StartupValidationTest {
  private static final String HEAD = "apiVersion: microservice.dev/v1alpha1\nkind: MicroService\nmetadata: {name: greeter}\nspec:\n  servers:\n";
  private static final String NS = "      namespaces: [{name: greeter, services: [{name: hello, endpoint: hello}]}]\n";

  @TempDir Path tmp;

  static Stream<Arguments> invalidManifests() {
    return Stream.of(
        Arguments.of("both", HEAD + "    - name: rpc\n      grpc: {port: 9090}\n      kafka: {bootstrapServers: 'k:9092'}\n" + NS,
            "spec.servers[0]: set exactly one of 'grpc' or 'kafka', not both"),
        Arguments.of("neither", HEAD + "    - name: rpc\n" + NS,
            "spec.servers[0]: set exactly one of 'grpc' or 'kafka'; neither is set"),
        Arguments.of("duplicate", HEAD + "    - name: rpc\n      grpc: {port: 9090}\n" + NS + "    - name: rpc\n      grpc: {port: 9091}\n" + NS,
            "spec.servers[1].name: duplicate server name 'rpc' (first at spec.servers[0])"),
        Arguments.of("port", HEAD + "    - name: rpc\n      grpc: {port: 0}\n" + NS,
            "spec.servers[0].grpc.port: must be between 1 and 65535, got 0"),
        Arguments.of("empty", HEAD + "    - name: rpc\n      grpc: {port: 9090}\n      namespaces: [{name: greeter, services: []}]\n",
            "spec.servers[0].namespaces[0].services: must list at least one service"),
        Arguments.of("delivery", HEAD + "    - name: events\n      kafka: {bootstrapServers: 'k:9092', delivery: exactly-once}\n" + NS,
            "spec.servers[0].kafka.delivery: expected one of atLeastOnce, exactlyOnce, got 'exactly-once'"),
        Arguments.of("no-servers", HEAD.replace("  servers:\n", "  servers: []\n"),
            "spec.servers: must list at least one server"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void failsAtStartWithPathAndReason(String name, String yaml, String expected) throws Exception {
    Path manifest = Files.writeString(tmp.resolve(name + ".yaml"), yaml);
    Throwable e = catchThrowable(() -> MicroserviceRuntime.fromOptions(RuntimeOptions.parse(
        "--manifest", manifest.toString(), "--endpoints", TestSupport.HELLO_JARS.toString())).start());
    assertThat(e).hasMessageContaining(manifest.toString()).hasMessageContaining("\n  " + expected);
  }

  @org.junit.jupiter.api.Test
  void aTooLargeManifestIsRefusedBeforeItIsRead() throws Exception {
    String head = HEAD + "    - name: rpc\n      grpc: {port: 9090}\n" + NS + "  config: {a: ";
    Path manifest = Files.writeString(tmp.resolve("big.yaml"), // one long value: it took the parser 22-38 s and over 1 GB
        head + "x".repeat(10 * 1024 * 1024 - head.length() - 2) + "}\n");
    Throwable e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(3), () -> catchThrowable(
        () -> MicroserviceRuntime.fromOptions(RuntimeOptions.parse("--manifest", manifest.toString(), "--endpoints", TestSupport.HELLO_JARS.toString()))));
    assertThat(e).hasMessageContaining("\n  (document): the manifest is larger than 1 MiB (1048576 bytes): it has 10485760 bytes");
  }
}
