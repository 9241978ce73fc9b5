package com.example.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import dev.microservice.endpoint.Status;
import dev.microservice.endpoint.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ShoutEndpointTest {
  private final RequestContext ctx = RequestContext.builder(Transport.GRPC, "shouter", "shout").build();

  @Test
  void shouts() throws Exception {
    ShoutEndpoint shout = new ShoutEndpoint();
    shout.init(Map.of());
    assertEquals("HELLO!", text(shout.handle(ctx, bytes("hello"))));
  }

  @Test
  void theSuffixComesFromConfig() throws Exception {
    ShoutEndpoint shout = new ShoutEndpoint();
    shout.init(Map.of("suffix", "!!!"));
    assertEquals("HEY!!!", text(shout.handle(ctx, bytes("hey"))));
  }

  @Test
  void anEmptyRequestIsInvalid() {
    EndpointException e = assertThrows(EndpointException.class, () -> new ShoutEndpoint().handle(ctx, new byte[0]));
    assertEquals(Status.INVALID_ARGUMENT, e.status());
  }

  @Test
  void theRuntimeFindsItByName() {
    // The runtime loads endpoints with ServiceLoader: this fails if META-INF/services does not list the class.
    assertEquals("shout", ServiceLoader.load(Endpoint.class).findFirst().orElseThrow().name());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
