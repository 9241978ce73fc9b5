package dev.microservice.examples.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import dev.microservice.endpoint.Status;
import dev.microservice.endpoint.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelloEndpointTest {
  private final RequestContext ctx = RequestContext.builder(Transport.GRPC, "greeter", "hello").build();

  @Test
  void greets() throws Exception {
    HelloEndpoint hello = new HelloEndpoint();
    hello.init(Map.of());
    assertThat(new String(hello.handle(ctx, "World".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("Hello, World!");
  }

  @Test
  void greetingComesFromConfig() throws Exception {
    HelloEndpoint hello = new HelloEndpoint();
    hello.init(Map.of("greeting", "Hej"));
    assertThat(new String(hello.handle(ctx, "Ada".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("Hej, Ada!");
  }

  @Test
  void goodbyeToo() throws Exception {
    assertThat(new String(new GoodbyeEndpoint().handle(ctx, "Ada".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("Goodbye, Ada!");
    assertThat(catchThrowableOfType(EndpointException.class, () -> new GoodbyeEndpoint().handle(ctx, new byte[0])).status())
        .isEqualTo(Status.INVALID_ARGUMENT);
  }

  @Test
  void rejectsBytesThatAreNotText() {
    EndpointException e = catchThrowableOfType(EndpointException.class,
        () -> new HelloEndpoint().handle(ctx, new byte[] {(byte) 0xff, (byte) 0xfe}));
    assertThat(e.status()).isEqualTo(Status.INVALID_ARGUMENT);
  }

  @Test
  void workMillisMakesEachRequestTakeAtLeastThatLong() throws Exception {
    HelloEndpoint hello = new HelloEndpoint();
    hello.init(Map.of("workMillis", "30"));
    long started = System.nanoTime();
    assertThat(new String(hello.handle(ctx, "Ada".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("Hello, Ada!");
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(30_000_000L);
  }

  @Test
  void workMillisThatIsNotANumberIsRefusedNamingTheKey() {
    assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new HelloEndpoint().init(Map.of("workMillis", "soon"))))
        .hasMessage("config 'workMillis' must be a whole number of milliseconds, got 'soon'");
    assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new HelloEndpoint().init(Map.of("workMillis", "-1"))))
        .hasMessage("config 'workMillis' must be between 0 and 60000, got -1");
  }
}
