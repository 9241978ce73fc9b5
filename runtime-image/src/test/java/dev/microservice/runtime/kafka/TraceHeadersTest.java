package dev.microservice.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.DeadLetterSpec;
import dev.microservice.model.NamespaceSpec;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.ServiceSpec;
import dev.microservice.model.contract.KafkaHeaderNames;
import dev.microservice.runtime.TestEndpointsJar;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.tracing.TraceParent;
import dev.microservice.runtime.tracing.Tracing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With tracing off, the records a handled record causes (reply, dead letter, error reply) continue its trace. */
class TraceHeadersTest {
  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  static Router router;

  @BeforeAll
  static void routes() {
    NamespaceSpec ns = new NamespaceSpec();
    ns.setName("orders");
    ns.setServices(List.of(new ServiceSpec("trace", "trace"), new ServiceSpec("fail", "fail")));
    ServerSpec server = new ServerSpec();
    server.setName("events");
    server.setNamespaces(List.of(ns));
    router = new Router(server, TestEndpointsJar.catalog());
  }

  @Test
  void aReplyNamesTheHandlingSpanUnderTheCallersTraceAndTheEndpointSeesTheSameIds() throws Exception {
    Map<String, ProducerRecord<byte[], byte[]>> sent = handle("trace", "x", PARENT, "vendor=abc");
    ProducerRecord<byte[], byte[]> reply = sent.get("orders-replies");
    TraceParent replyContext = TraceParent.parse(header(reply, "traceparent"));
    assertThat(replyContext.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(replyContext.spanId()).isNotEqualTo("00f067aa0ba902b7").matches("[0-9a-f]{16}");
    assertThat(replyContext.flags()).isEqualTo("01");
    assertThat(header(reply, "tracestate")).isEqualTo("vendor=abc");
    assertThat(new String(reply.value(), StandardCharsets.UTF_8))
        .startsWith("trace=" + replyContext.traceId() + " span=" + replyContext.spanId() + " ");
  }

  @Test
  void aDeadLetterAndTheErrorReplyCarryTheHandlingSpanNotTheRecordsOwnContext() throws Exception {
    Map<String, ProducerRecord<byte[], byte[]>> sent = handle("fail", "invalid", PARENT, null);
    ProducerRecord<byte[], byte[]> dead = sent.get("orders.dlq");
    assertThat(StreamSupport.stream(dead.headers().headers("traceparent").spliterator(), false).count())
        .as("one traceparent: the record's own is replaced").isEqualTo(1);
    TraceParent deadContext = TraceParent.parse(header(dead, "traceparent"));
    assertThat(deadContext.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(deadContext.spanId()).isNotEqualTo("00f067aa0ba902b7");
    assertThat(header(sent.get("orders-replies"), "traceparent")).isEqualTo(deadContext.format());
    assertThat(dead.headers().lastHeader("tracestate")).isNull();
  }

  @Test
  void withoutIncomingContextAndTracingOffNothingIsInvented() throws Exception {
    Map<String, ProducerRecord<byte[], byte[]>> sent = handle("trace", "x", null, null);
    ProducerRecord<byte[], byte[]> reply = sent.get("orders-replies");
    assertThat(reply.headers().lastHeader("traceparent")).isNull();
    assertThat(new String(reply.value(), StandardCharsets.UTF_8)).startsWith("trace=none span=none ");
  }

  @Test
  void anInvalidTraceparentIsIgnored() throws Exception {
    Map<String, ProducerRecord<byte[], byte[]>> sent = handle("trace", "x", "00-not-a-trace-01", null);
    assertThat(sent.get("orders-replies").headers().lastHeader("traceparent")).isNull();
  }

  private static Map<String, ProducerRecord<byte[], byte[]>> handle(String service, String value, String traceparent,
      String tracestate) throws InterruptedException {
    MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    RuntimeMetrics metrics = new RuntimeMetrics();
    Replies replies = new Replies(producer);
    KafkaMetrics kafkaMetrics = KafkaMetrics.of(metrics.registry());
    RecordHandler handler = new RecordHandler("events", router, 65536, new Backoff(1, Duration.ZERO, Duration.ZERO, 1.0),
        new DeadLetters("events", new DeadLetterSpec(), replies, kafkaMetrics), replies, metrics, kafkaMetrics,
        Tracing.off("orders-app"), "group-1");
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 0, 7L, utf8("k"), utf8(value));
    record.headers().add(KafkaHeaderNames.SERVICE, utf8(service));
    record.headers().add(KafkaHeaderNames.REPLY_TO, utf8("orders-replies"));
    if (traceparent != null) {
      record.headers().add("traceparent", utf8(traceparent));
    }
    if (tracestate != null) {
      record.headers().add("tracestate", utf8(tracestate));
    }
    assertThat(handler.handle(record, 1)).isNull();
    return producer.history().stream().collect(Collectors.toMap(ProducerRecord::topic, r -> r));
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
