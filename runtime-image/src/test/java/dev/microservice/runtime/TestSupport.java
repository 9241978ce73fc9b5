package dev.microservice.runtime;

import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Paths, ports, manifests and HTTP helpers shared by the runtime's tests. */
public final class TestSupport {
  static final Path EXAMPLES = Path.of(System.getProperty("examples.dir", "../examples"));
  public static final Path HELLO_MANIFEST = EXAMPLES.resolve("hello/microservice.yaml");
  public static final Path HELLO_JARS = EXAMPLES.resolve("hello/target");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private TestSupport() {}

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hello example, exactly as shipped, but listening on the given gRPC port. */
  static Manifest helloManifest(int grpcPort) {
    Manifest m = ManifestParser.parse(HELLO_MANIFEST);
    m.getSpec().getServers().stream().filter(s -> s.getGrpc() != null).forEach(s -> s.getGrpc().setPort(grpcPort));
    m.getSpec().getServers().removeIf(s -> s.getGrpc() == null);
    return m;
  }

  /** A manifest serving the test endpoints: namespace "test" with one service per endpoint, and "solo" with one. */
  static String testManifestYaml(int grpcPort, int maxInboundBytes, String extraConfig) {
    return """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: runtime-test}
        spec:
          drainTimeoutSeconds: 20
          servers:
            - name: rpc
              grpc: {port: %d, maxInboundMessageBytes: %d}
              namespaces:
                - name: test
                  services:
                    - {name: echo, endpoint: echo}
                    - {name: fail, endpoint: fail}
                    - {name: slow, endpoint: slow}
                    - {name: context, endpoint: context}
                    - {name: silent, endpoint: silent}
                - name: solo
                  services: [{name: gated, endpoint: gated}]
          config: {%s}
        """.formatted(grpcPort, maxInboundBytes, extraConfig);
  }

  static Manifest testManifest(int grpcPort) {
    return ManifestParser.parse(testManifestYaml(grpcPort, 1024, ""), "test");
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** HTTP status of a GET, or -1 when nothing listens. */
  static int statusOf(int port, String path) {
    try {
      return get(port, path).statusCode();
    } catch (UncheckedIOException e) {
      return -1;
    }
  }
}
