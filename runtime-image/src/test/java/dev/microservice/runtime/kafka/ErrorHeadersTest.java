package dev.microservice.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.DeadLetterSpec;
import dev.microservice.model.NamespaceSpec;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.ServiceSpec;
import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.LogCapture;
import dev.microservice.runtime.TestEndpointsJar;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the {@code error} and {@code dlq-error} headers carry, as docs/endpoints.md ("Failing")
 * states: an {@code EndpointException}'s message as is; for any other exception only its class
 * and an error id, with the exception's text in the runtime's log alone.
 */
class ErrorHeadersTest {
  private static final String SECRET = "password=hunter2";
  private static final Pattern INTERNAL =
      Pattern.compile("service 'fail' failed with IllegalStateException; see the runtime log, error id ([0-9a-f]{8})");

  static Router router;

  @BeforeAll
  static void routes() {
    NamespaceSpec ns = new NamespaceSpec();
    ns.setName("orders");
    ns.setServices(List.of(new ServiceSpec("fail", "fail")));
    ServerSpec server = new ServerSpec();
    server.setName("events");
    server.setNamespaces(List.of(ns));
    router = new Router(server, TestEndpointsJar.catalog());
  }

  @Test
  void anUnexpectedExceptionSendsItsClassAndAnErrorIdButNeverItsMessage() throws Exception {
    String log;
    Map<String, ProducerRecord<byte[], byte[]>> sent;
    try (LogCapture capture = new LogCapture()) {
      sent = handleOnce("crash", new DeadLetterSpec());
      log = capture.text();
    }
    assertThat(sent).containsOnlyKeys("orders.dlq", "orders-replies");
    ProducerRecord<byte[], byte[]> dead = sent.get("orders.dlq");
    ProducerRecord<byte[], byte[]> reply = sent.get("orders-replies");

    Matcher m = INTERNAL.matcher(header(dead, "dlq-error"));
    assertThat(m.matches()).as("dlq-error: " + header(dead, "dlq-error")).isTrue();
    assertThat(header(dead, "dlq-error-class")).isEqualTo("java.lang.IllegalStateException");
    assertThat(header(reply, "error")).isEqualTo(header(dead, "dlq-error"));
    assertThat(header(reply, "correlation-id")).isEqualTo("c-1");
    assertThat(reply.value()).isNull();
    sent.values().forEach(r -> assertThat(allHeaders(r)).doesNotContain(SECRET).doesNotContain("internal detail"));

    // The operator finds the exception, message and stack trace, in the log under the error id.
    String errorId = m.group(1);
    assertThat(log).contains("error id " + errorId).contains("IllegalStateException: internal detail: " + SECRET);
  }

  @Test
  void withDeadLetteringOffTheErrorReplyStillCarriesNoExceptionText() throws Exception {
    DeadLetterSpec off = new DeadLetterSpec();
    off.setEnabled(false);
    Map<String, ProducerRecord<byte[], byte[]>> sent = handleOnce("crash", off);
    assertThat(sent).containsOnlyKeys("orders-replies");
    assertThat(header(sent.get("orders-replies"), "error")).matches(INTERNAL).doesNotContain(SECRET);
  }

  @Test
  void anEndpointExceptionMessageIsSentAsIs() throws Exception {
    Map<String, ProducerRecord<byte[], byte[]>> sent = handleOnce("invalid", new DeadLetterSpec());
    assertThat(header(sent.get("orders.dlq"), "dlq-error")).isEqualTo("order id must be numeric");
    assertThat(header(sent.get("orders.dlq"), "dlq-error-class")).isEqualTo("dev.microservice.endpoint.EndpointException");
    assertThat(header(sent.get("orders-replies"), "error")).isEqualTo("order id must be numeric");
  }

  /** One last attempt at a request to the failing endpoint; returns what was produced, by topic. */
  private static Map<String, ProducerRecord<byte[], byte[]>> handleOnce(String how, DeadLetterSpec deadLetter)
      throws InterruptedException {
    MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    RuntimeMetrics metrics = new RuntimeMetrics();
    RecordHandler handler = new RecordHandler("events", router, 65536, new Backoff(1, Duration.ZERO, Duration.ZERO, 1.0),
        deadLetter, new Replies(producer), metrics, KafkaMetrics.of(metrics.registry()));
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 0, 7L, utf8("k"), utf8(how));
    record.headers().add(KafkaHeaderNames.SERVICE, utf8("fail"));
    record.headers().add(KafkaHeaderNames.REPLY_TO, utf8("orders-replies"));
    record.headers().add(KafkaHeaderNames.CORRELATION_ID, utf8("c-1"));
    assertThat(handler.handle(record, 1)).as("no retry after the last attempt").isNull();
    return producer.history().stream().collect(Collectors.toMap(ProducerRecord::topic, r -> r));
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String allHeaders(ProducerRecord<byte[], byte[]> r) {
    StringBuilder all = new StringBuilder();
    for (Header h : r.headers()) {
      all.append(h.key()).append('=').append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append('\n');
    }
    return all.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
