package dev.microservice.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.contract.RuntimeContract;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The management port under careless and hostile clients (defect 1 of "Hostile input"). */
class ManagementServerTest {
  static final String HALF_REQUEST = "GET /readyz HTTP/1.1\r\nHost: x\r\n";
  private final List<AutoCloseable> open = new ArrayList<>();
  private volatile String ready = null;

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  ManagementServer start(Duration requestTimeout, MetricsScraper.Body metrics) throws IOException {
    ManagementServer server = new ManagementServer(0, () -> ready, () -> null,
        new MetricsScraper(metrics, "text/plain; version=0.0.4"), requestTimeout);
    open.add(server);
    return server;
  }

  RawHttp connect(ManagementServer server) {
    RawHttp http = new RawHttp(server.port());
    open.add(http);
    return http;
  }

  static String get(ManagementServer server, String path) {
    try (RawHttp http = new RawHttp(server.port())) {
      return http.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").response();
    }
  }

  @Test
  void servesThePathsTheOperatorsProbesAndScrapersUse() throws IOException {
    ManagementServer server = start(ManagementServer.REQUEST_TIMEOUT, out -> out.write('1'));
    for (String path : List.of(RuntimeContract.HEALTH_PATH, RuntimeContract.READY_PATH, RuntimeContract.METRICS_PATH)) {
      assertThat(get(server, path)).as(path).startsWith("HTTP/1.1 200 OK");
    }
  }

  @Test
  void halfSentRequestsDoNotStallTheProbes() throws IOException {
    ManagementServer server = start(ManagementServer.REQUEST_TIMEOUT, out -> out.write(1));
    for (int i = 0; i < 50; i++) {
      connect(server).send(HALF_REQUEST); // the JDK server's two threads hung on the first two of these
    }
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      assertThat(get(server, i % 2 == 0 ? "/readyz" : "/healthz")).startsWith("HTTP/1.1 200 OK");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aRequestMustArriveWholeInTime() throws Exception {
    ManagementServer server = start(Duration.ofMillis(600), out -> out.write(1));
    RawHttp stalled = connect(server).send(HALF_REQUEST);
    RawHttp silent = connect(server);
    RawHttp trickling = connect(server).send("G");
    long start = System.nanoTime();
    for (int i = 0; i < 6 && !trickling.closedByServerWithin(Duration.ofMillis(200)); i++) {
      trickling.send("E"); // a byte at a time does not renew the deadline
    }
    assertThat(stalled.closedByServer()).isTrue();
    assertThat(silent.closedByServer()).isTrue();
    assertThat(trickling.closedByServer()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void answersBadRequestsAndClosesThem() throws IOException {
    ManagementServer server = start(ManagementServer.REQUEST_TIMEOUT, out -> out.write(1));
    RawHttp longHeaders = connect(server).send("GET /readyz HTTP/1.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n");
    assertThat(longHeaders.response()).startsWith("HTTP/1.1 431");
    assertThat(longHeaders.closedByServer()).isTrue();
    RawHttp garbage = connect(server).send("\u0001\u0002 nonsense\r\n\r\n");
    assertThat(garbage.response()).startsWith("HTTP/1.1 400");
    RawHttp post = connect(server).send("POST /readyz HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
    assertThat(post.response()).startsWith("HTTP/1.1 405").contains("allow: GET, HEAD");
    RawHttp body = connect(server).send("GET /readyz HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
    assertThat(body.response()).startsWith("HTTP/1.1 413");
    assertThat(get(server, "/nope")).startsWith("HTTP/1.1 404");
  }

  @Test
  void keepsConnectionsAliveAndAnswersHead() throws IOException {
    ManagementServer server = start(ManagementServer.REQUEST_TIMEOUT, out -> out.write("m 1\n".getBytes(StandardCharsets.UTF_8)));
    RawHttp http = connect(server);
    assertThat(http.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n").response()).startsWith("HTTP/1.1 200").endsWith("ready\n");
    ready = "starting";
    assertThat(http.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n").response()).startsWith("HTTP/1.1 503").endsWith("starting\n");
    assertThat(http.send("GET /metrics?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").response()).startsWith("HTTP/1.1 200").endsWith("m 1\n");
    String head = http.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n").headResponse();
    assertThat(head).startsWith("HTTP/1.1 200").contains("content-length: 3").endsWith("\r\n\r\n");
    assertThat(http.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").response()).as("no body was sent after HEAD").endsWith("ok\n");
  }

  @Test
  void aSlowScrapeDoesNotDelayTheProbes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ManagementServer server = start(ManagementServer.REQUEST_TIMEOUT, out -> {
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.write(1);
    });
    List<RawHttp> scrapes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      scrapes.add(connect(server).send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
    long start = System.nanoTime();
    assertThat(get(server, "/readyz")).startsWith("HTTP/1.1 200");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    release.countDown();
    long refused = scrapes.stream().map(RawHttp::response).filter(r -> r.startsWith("HTTP/1.1 503")).count();
    assertThat(refused).as("scrapes beyond the queue are refused, not queued").isBetween(1L, 7L);
  }

  @Test
  void theRuntimeMetricsAreServed() throws IOException {
    try (ManagementServer server = new ManagementServer(0, () -> null, () -> "endpoint init failed", new RuntimeMetrics())) {
      assertThat(get(server, "/metrics")).startsWith("HTTP/1.1 200").contains("text/plain");
      assertThat(get(server, "/healthz")).startsWith("HTTP/1.1 503").endsWith("endpoint init failed\n");
    }
  }
}
