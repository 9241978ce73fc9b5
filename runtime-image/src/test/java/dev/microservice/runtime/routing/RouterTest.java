package dev.microservice.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.microservice.endpoint.Status;
import dev.microservice.model.NamespaceSpec;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.ServiceSpec;
import dev.microservice.runtime.endpoints.EndpointCatalog;
import dev.microservice.runtime.TestEndpointsJar;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterTest {
  static Router router;

  @BeforeAll
  static void build() {
    EndpointCatalog catalog = TestEndpointsJar.catalog();
    ServerSpec server = new ServerSpec();
    server.setName("rpc");
    server.setNamespaces(List.of(
        namespace("multi", new ServiceSpec("echo", "echo"), new ServiceSpec("ctx", "context")),
        namespace("single", new ServiceSpec("echo", "echo"))));
    router = new Router(server, catalog);
  }

  static NamespaceSpec namespace(String name, ServiceSpec... services) {
    NamespaceSpec ns = new NamespaceSpec();
    ns.setName(name);
    ns.setServices(List.of(services));
    return ns;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void explicitServiceWinsAndPayloadIsUntouched() throws Exception {
    String envelope = "{\"service\":\"ctx\",\"service_message\":\"x\"}";
    Route route = router.route("multi", "echo", bytes(envelope));
    assertThat(route.service()).isEqualTo("echo");
    assertThat(route.endpoint().name()).isEqualTo("echo");
    assertThat(new String(route.payload(), StandardCharsets.UTF_8)).isEqualTo(envelope);
  }

  @Test
  void envelopeNamesTheServiceAndIsUnwrapped() throws Exception {
    Route route = router.route("multi", null, bytes("{\"service\":\"ctx\",\"service_message\":\"World\"}"));
    assertThat(route.service()).isEqualTo("ctx");
    assertThat(new String(route.payload(), StandardCharsets.UTF_8)).isEqualTo("World");
  }

  @Test
  void nonStringServiceMessageArrivesAsJsonText() throws Exception {
    Route route = router.route("multi", "", bytes("{\"service\":\"echo\",\"service_message\":{\"id\":7}}"));
    assertThat(new String(route.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}");
    Route empty = router.route("multi", "", bytes("{\"service\":\"echo\"}"));
    assertThat(empty.payload()).isEmpty();
  }

  @Test
  void singleServiceNamespaceTakesUnnamedMessages() throws Exception {
    assertThat(router.route("single", null, bytes("plain")).service()).isEqualTo("echo");
    Route jsonish = router.route("single", null, bytes("{not json"));
    assertThat(new String(jsonish.payload(), StandardCharsets.UTF_8)).isEqualTo("{not json");
  }

  @Test
  void unknownNamespaceAndServiceAreNotFound() {
    RoutingException ns = catchThrowableOfType(RoutingException.class, () -> router.route("nope", "echo", bytes("")));
    assertThat(ns.status()).isEqualTo(Status.NOT_FOUND);
    assertThat(ns.getMessage()).isEqualTo("unknown namespace 'nope'; this server serves: multi, single");
    RoutingException svc = catchThrowableOfType(RoutingException.class, () -> router.route("multi", "bye", bytes("")));
    assertThat(svc.status()).isEqualTo(Status.NOT_FOUND);
    assertThat(svc.getMessage()).isEqualTo("unknown service 'bye' in namespace 'multi'; known services: echo, ctx");
  }

  @Test
  void unroutableAndMalformedAreInvalidArgument() {
    RoutingException none = catchThrowableOfType(RoutingException.class, () -> router.route("multi", null, bytes("plain")));
    assertThat(none.status()).isEqualTo(Status.INVALID_ARGUMENT);
    assertThat(none.getMessage()).contains("it names no service and the namespace has 2 (echo, ctx)");
    RoutingException bad = catchThrowableOfType(RoutingException.class, () -> router.route("multi", null, bytes("{\"service\": 42}")));
    assertThat(bad.status()).isEqualTo(Status.INVALID_ARGUMENT);
    assertThat(bad.getMessage()).isEqualTo("malformed envelope: the envelope's \"service\" must be a non-empty string");
    RoutingException broken = catchThrowableOfType(RoutingException.class, () -> router.route("multi", null, bytes("{\"service\": ")));
    assertThat(broken.getMessage()).startsWith("malformed envelope: the payload is not valid JSON");
  }

  @Test
  void echoedNamesAreCutAndEscaped() {
    RoutingException ns = catchThrowableOfType(RoutingException.class, () -> router.route("a\nb" + "x".repeat(10_000), "echo", bytes("")));
    assertThat(ns.getMessage()).isEqualTo("unknown namespace 'a\\u000ab" + "x".repeat(61) + "'... (10003 characters);"
        + " this server serves: multi, single");
    RoutingException svc = catchThrowableOfType(RoutingException.class, () -> router.route("multi", "\u0000".repeat(100), bytes("")));
    assertThat(svc.getMessage()).startsWith("unknown service '\\u0000\\u0000").hasSizeLessThan(600);
  }

  @Test
  void envelopeKeysAreUniqueAndNothingFollowsTheObject() {
    for (String bad : List.of("{\"service\":\"echo\",\"service\":\"ctx\"}", "{\"service\":\"echo\"} x", "{\"service\":\"echo\"}{}",
        "{\"service\":\"echo\",\"service_message\":{\"a\":1,\"a\":2}}")) {
      RoutingException e = catchThrowableOfType(RoutingException.class, () -> router.route("multi", null, bytes(bad)));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.status()).as(bad).isEqualTo(Status.INVALID_ARGUMENT);
    }
    RoutingException twice = catchThrowableOfType(RoutingException.class,
        () -> router.route("single", null, bytes("{\"service\":\"echo\",\"service\":\"other\"}")));
    assertThat(twice.getMessage()).isEqualTo("malformed envelope: the key 'service' appears more than once; JSON keys must be unique");
    RoutingException trailing = catchThrowableOfType(RoutingException.class, () -> router.route("multi", null, bytes("{\"service\":\"echo\"}  hunter2")));
    assertThat(trailing.getMessage()).isEqualTo("malformed envelope: text follows the JSON object at byte 20");
  }

  @Test
  void envelopeErrorsNeverQuoteThePayload() {
    for (String bad : List.of("{\"service\": hunter2}", "{\"service\": \"echo\", \"hunter2\" 1}", "{\"hunter2\": 1e99999999999}",
        "{\"service\": \"echo\", \"service_message\": " + "[".repeat(5000) + "}", "{\"service\": \"\\uZZZZhunter2\"}")) {
      RoutingException e = catchThrowableOfType(RoutingException.class, () -> router.route("multi", null, bytes(bad)));
      assertThat(e.getMessage()).as(bad).startsWith("malformed envelope: ").doesNotContain("hunter2").doesNotContain("Exception")
          .doesNotContain("StreamReadConstraints").hasSizeLessThan(200);
    }
    byte[] notUtf8 = {'{', '"', 's', 'e', 'r', 'v', 'i', 'c', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    RoutingException e = catchThrowableOfType(RoutingException.class, () -> router.route("multi", null, notUtf8));
    assertThat(e.getMessage()).isEqualTo("malformed envelope: the payload is not valid JSON: it is not UTF-8 at byte 12");
  }
}
