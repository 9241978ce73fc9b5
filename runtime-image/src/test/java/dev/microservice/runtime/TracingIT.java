package dev.microservice.runtime;

import static dev.microservice.runtime.kafka.KafkaTestSupport.header;
import static dev.microservice.runtime.kafka.KafkaTestSupport.readUntil;
import static dev.microservice.runtime.kafka.KafkaTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.microservice.kafka.embedded.EmbeddedKafka;
import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCMessage;
import dev.microservice.runtime.OtlpReceiver.Received;
import dev.microservice.runtime.kafka.KafkaTestSupport;
import dev.microservice.runtime.tracing.TraceParent;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime process exporting spans over OTLP/gRPC to a real receiver, with a real broker: the
 * span of a gRPC call, the spans of a Kafka record retried once then answered, a dead letter, and the
 * trace context on the records the runtime writes.
 */
class TracingIT {
  private static final String TOPIC = "traced";
  static EmbeddedKafka kafka;
  static OtlpReceiver receiver;
  static RuntimeProcess runtime;
  static int grpcPort;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.builder().start();
    kafka.createTopic(TOPIC, 1);
    kafka.createTopic(TOPIC + "-replies", 1);
    kafka.createTopic(TOPIC + ".dlq", 1);
    receiver = new OtlpReceiver();
    grpcPort = TestSupport.freePort();
    int management = TestSupport.freePort();
    Path dir = Files.createDirectories(Path.of("target/it-tracing"));
    Path manifest = Files.writeString(dir.resolve("traced.yaml"), """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata: {name: traced-app}
        spec:
          drainTimeoutSeconds: 5
          servers:
            - name: rpc
              grpc: {port: %d}
              namespaces:
                - name: shop
                  services:
                    - {name: trace, endpoint: trace}
                    - {name: fail, endpoint: fail}
            - name: events
              kafka:
                bootstrapServers: "%s"
                groupId: traced-group
                retry: {maxAttempts: 3, initialBackoffMillis: 50, maxBackoffMillis: 200}
              namespaces:
                - name: %s
                  services:
                    - {name: flaky, endpoint: flaky}
                    - {name: fail, endpoint: fail}
        """.formatted(grpcPort, kafka.bootstrapServers(), TOPIC));
    Path jars = TestEndpointsJar.build(Path.of("target/it-endpoints/tracing"));
    runtime = RuntimeProcess.start("tracing", Map.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
            "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
            "OTEL_BSP_SCHEDULE_DELAY", "100",
            "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=it"),
        "--manifest", manifest.toString(), "--endpoints", jars.toString(), "--management-port", String.valueOf(management));
    await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.statusOf(management, "/readyz") == 200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    receiver.close();
    kafka.close();
  }

  @Test
  void aGrpcCallIsAServerSpanUnderTheCallersSpan() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    String caller = "b7ad6b7169203331";
    String reply = call("trace", "hi", "00-" + traceId + "-" + caller + "-01");

    Received span = awaitOne(traceId, "rpc.MessageService/Command");
    assertThat(span.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(span.parentSpanId()).isEqualTo(caller);
    assertThat(span.attributes()).containsEntry("rpc.system", "grpc").containsEntry("rpc.service", "rpc.MessageService")
        .containsEntry("rpc.method", "Command").containsEntry("microservice.namespace", "shop")
        .containsEntry("microservice.service", "trace").containsEntry("microservice.endpoint", "trace")
        .containsEntry("microservice.server", "rpc").containsEntry("microservice.status", "OK")
        .containsEntry("rpc.grpc.status_code", 0L);
    assertThat(span.resource()).containsEntry("service.name", "traced-app").containsEntry("deployment.environment", "it")
        .containsEntry("microservice.name", "traced-app");
    // The endpoint saw the same ids in its RequestContext and in the SLF4J MDC (text logs: the default format).
    assertThat(reply).isEqualTo("trace=" + traceId + " span=" + span.spanId() + " mdc.trace_id=" + traceId
        + " mdc.span_id=" + span.spanId() + " mdc.service=trace");
  }

  @Test
  void aFailedGrpcCallCarriesItsStatusAndErrorId() {
    String traceId = "1af7651916cd43dd8448eb211c80319c";
    StatusRuntimeException failure = org.assertj.core.api.Assertions.catchThrowableOfType(StatusRuntimeException.class,
        () -> call("fail", "crash", "00-" + traceId + "-b7ad6b7169203331-01"));
    Matcher id = Pattern.compile("error id ([0-9a-f]{8})").matcher(failure.getStatus().getDescription());
    assertThat(id.find()).isTrue();

    Received span = awaitOne(traceId, "rpc.MessageService/Command");
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(span.attributes()).containsEntry("microservice.status", "INTERNAL").containsEntry("rpc.grpc.status_code", 13L)
        .containsEntry("microservice.error_id", id.group(1)).containsEntry("error.type", "INTERNAL");
  }

  @Test
  void aRetriedKafkaRecordIsOneSpanPerAttemptAndItsReplyContinuesTheTrace() throws Exception {
    String traceId = "2af7651916cd43dd8448eb211c80319c";
    String producerSpan = "00f067aa0ba902b7";
    send(request(TOPIC, 0, "k1", "flaky", "again", TOPIC + "-replies", "c-flaky"), "00-" + traceId + "-" + producerSpan + "-01");

    ConsumerRecord<byte[], byte[]> reply = readUntil(kafka.bootstrapServers(), TOPIC + "-replies", Duration.ofSeconds(30),
        all -> all.stream().anyMatch(r -> "c-flaky".equals(header(r, "correlation-id")))).stream()
        .filter(r -> "c-flaky".equals(header(r, "correlation-id"))).findFirst().orElseThrow();
    TraceParent replyContext = TraceParent.parse(header(reply, "traceparent"));
    assertThat(replyContext.traceId()).isEqualTo(traceId);
    assertThat(replyContext.spanId()).isNotEqualTo(producerSpan);

    await().atMost(Duration.ofSeconds(20)).until(() -> spans(traceId).size() >= 2);
    List<Received> attempts = spans(traceId).stream()
        .sorted(Comparator.comparingLong(s -> (Long) s.attribute("microservice.attempt"))).toList();
    assertThat(attempts).hasSize(2).allSatisfy(s -> {
      assertThat(s.span().getName()).isEqualTo("process " + TOPIC);
      assertThat(s.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
      assertThat(s.parentSpanId()).as("each attempt is a child of the producer's span").isEqualTo(producerSpan);
      assertThat(s.attributes()).containsEntry("messaging.system", "kafka").containsEntry("messaging.destination.name", TOPIC)
          .containsEntry("messaging.destination.partition.id", "0").containsEntry("messaging.consumer.group.name", "traced-group")
          .containsEntry("messaging.operation.type", "process").containsEntry("microservice.namespace", TOPIC)
          .containsEntry("microservice.service", "flaky").containsEntry("microservice.endpoint", "flaky")
          .containsKey("messaging.kafka.message.offset");
    });
    assertThat(attempts.get(0).attributes()).containsEntry("microservice.attempt", 1L)
        .containsEntry("microservice.status", "UNAVAILABLE");
    assertThat(attempts.get(0).span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(attempts.get(1).attributes()).containsEntry("microservice.attempt", 2L).containsEntry("microservice.status", "OK");
    assertThat(attempts.get(1).span().getStatus().getCode()).isNotEqualTo(StatusCode.STATUS_CODE_ERROR);
    assertThat(attempts.get(0).attribute("messaging.kafka.message.offset"))
        .isEqualTo(attempts.get(1).attribute("messaging.kafka.message.offset"));
    assertThat(replyContext.spanId()).as("the reply names the attempt that answered").isEqualTo(attempts.get(1).spanId());
  }

  @Test
  void aDeadLetterCarriesTheTraceOfTheAttemptThatGaveUp() throws Exception {
    String traceId = "3af7651916cd43dd8448eb211c80319c";
    String producerSpan = "10f067aa0ba902b7";
    send(request(TOPIC, 0, "k2", "fail", "invalid", null, "c-dead"), "00-" + traceId + "-" + producerSpan + "-01");

    ConsumerRecord<byte[], byte[]> dead = readUntil(kafka.bootstrapServers(), TOPIC + ".dlq", Duration.ofSeconds(30),
        all -> all.stream().anyMatch(r -> "c-dead".equals(header(r, "correlation-id")))).stream()
        .filter(r -> "c-dead".equals(header(r, "correlation-id"))).findFirst().orElseThrow();
    TraceParent deadContext = TraceParent.parse(header(dead, "traceparent"));
    assertThat(deadContext.traceId()).isEqualTo(traceId);
    assertThat(deadContext.spanId()).isNotEqualTo(producerSpan);

    Received span = awaitOne(traceId, "process " + TOPIC);
    assertThat(span.spanId()).isEqualTo(deadContext.spanId());
    assertThat(span.attributes()).containsEntry("microservice.status", "INVALID_ARGUMENT").containsEntry("microservice.attempt", 1L);
    assertThat(span.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
  }

  private static List<Received> spans(String traceId) {
    return receiver.spans(s -> s.traceId().equals(traceId));
  }

  private static Received awaitOne(String traceId, String name) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !spans(traceId).isEmpty());
    List<Received> found = spans(traceId);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).span().getName()).isEqualTo(name);
    return found.get(0);
  }

  private static String call(String service, String data, String traceparent) throws InterruptedException {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try {
      Metadata md = new Metadata();
      md.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), traceparent);
      return MessageServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .command(RPCMessage.newBuilder().setNamespace("shop").setService(service).setData(ByteString.copyFromUtf8(data)).build())
          .getData().toStringUtf8();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void send(ProducerRecord<byte[], byte[]> record, String traceparent) throws Exception {
    record.headers().add("traceparent", KafkaTestSupport.utf8(traceparent));
    try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(kafka.bootstrapServers())) {
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }
}
