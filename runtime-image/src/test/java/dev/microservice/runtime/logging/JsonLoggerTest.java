package dev.microservice.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;

/** The JSON lines of a logger made by the JSON provider's factory, read back with Jackson. */
class JsonLoggerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final BasicMDCAdapter mdc = new BasicMDCAdapter();
  final JsonLoggerFactory factory = new JsonLoggerFactory(levels("org.slf4j.simpleLogger.log.org.apache.kafka", "warn"),
      new JsonLogWriter(() -> new PrintStream(bytes, true, StandardCharsets.UTF_8)), mdc);

  static LogLevels levels(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return new LogLevels(p);
  }

  List<JsonNode> lines() throws Exception {
    List<JsonNode> nodes = new java.util.ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      nodes.add(JSON.readTree(line));
    }
    return nodes;
  }

  @Test
  void anEventIsOneObjectWithTheFixedFields() throws Exception {
    Logger log = factory.getLogger("dev.microservice.runtime.Main");
    log.info("Started {} servers in {} ms", 2, 180);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("}" + System.lineSeparator()).hasLineCount(1);
    JsonNode line = lines().get(0);
    assertThat(line.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("logger").asText()).isEqualTo("dev.microservice.runtime.Main");
    assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(line.get("message").asText()).isEqualTo("Started 2 servers in 180 ms");
    assertThat(line.has("exception")).isFalse();
  }

  @Test
  void theExceptionIsItsStackTraceAsOneString() throws Exception {
    factory.getLogger("x").error("Record {} failed", "k1", new IllegalStateException("boom", new RuntimeException("cause")));
    JsonNode line = lines().get(0);
    assertThat(line.get("message").asText()).isEqualTo("Record k1 failed");
    assertThat(line.get("exception").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat ")
        .contains("Caused by: java.lang.RuntimeException: cause");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).hasLineCount(1);
  }

  @Test
  void theRequestKeysOfTheMdcComeFirstThenTheOthersAndFixedNamesAreNotOverwritten() throws Exception {
    mdc.put("service", "hello");
    mdc.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    mdc.put("span_id", "00f067aa0ba902b7");
    mdc.put("microservice", "greeter");
    mdc.put("server", "rpc");
    mdc.put("namespace", "greetings");
    mdc.put("order", "42");
    mdc.put("message", "not the message");
    factory.getLogger("x").warn("slow");
    JsonNode line = lines().get(0);
    List<String> names = new java.util.ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("timestamp", "level", "logger", "thread", "message", "trace_id", "span_id",
        "microservice", "server", "namespace", "service", "order");
    assertThat(line.get("message").asText()).isEqualTo("slow");
    assertThat(line.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void theFluentApisKeyValuePairsBecomeFields() throws Exception {
    factory.getLogger("x").atInfo().addKeyValue("partition", 3).addKeyValue("level", "ignored").log("assigned");
    JsonNode line = lines().get(0);
    assertThat(line.get("partition").asText()).isEqualTo("3");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
  }

  @Test
  void levelsFollowTheSimpleLoggerSettingsByNamePrefix() throws Exception {
    factory.getLogger("org.apache.kafka.clients.NetworkClient").info("chatty");
    factory.getLogger("org.apache.kafka.clients.NetworkClient").warn("kept");
    factory.getLogger("dev.microservice.x").debug("below info");
    assertThat(lines()).singleElement().satisfies(l -> assertThat(l.get("message").asText()).isEqualTo("kept"));
    assertThat(factory.getLogger("org.apache.kafka").isInfoEnabled()).isFalse();
    assertThat(factory.getLogger("org.apache.kafkaesque").isInfoEnabled()).as("a prefix ends at a dot").isTrue();
  }

  @Test
  void everyCharacterSurvivesTheRoundTrip() throws Exception {
    String nasty = "quote \" backslash \\ newline \n tab \t cr \r nul \u0000 bell \u0007 del \u007f"
        + " sep \u2028 emoji \uD83D\uDE00 lone \uD800 end";
    factory.getLogger("x").info(nasty);
    String written = bytes.toString(StandardCharsets.UTF_8);
    assertThat(written).hasLineCount(1).doesNotContain("\u2028").contains("\\u0000", "\\ud800", "\uD83D\uDE00");
    assertThat(lines().get(0).get("message").asText()).isEqualTo(nasty);
  }
}
