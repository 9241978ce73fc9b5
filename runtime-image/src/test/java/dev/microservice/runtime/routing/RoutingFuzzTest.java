package dev.microservice.runtime.routing;

import dev.microservice.model.testing.Fuzz;
import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.endpoint.Status;
import dev.microservice.runtime.HostileRequests;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated routed requests and envelopes (huge, deep, duplicate, not UTF-8, broken, with a secret
 * in the payload): each routes or fails with NOT_FOUND or INVALID_ARGUMENT and a short one-line
 * message that never repeats the payload, in bounded time.
 */
class RoutingFuzzTest {
  static Router router;

  @BeforeAll
  static void build() {
    RouterTest.build();
    router = RouterTest.router;
  }

  @Test
  void everyGeneratedRequestRoutesOrFailsCleanly() {
    Fuzz.run("routed requests", 2000, Duration.ofSeconds(5), random -> {
      String namespace = random.nextInt(4) == 0 ? HostileRequests.text(random, random.nextInt(3) == 0 ? 100_000 : 20) : random.nextBoolean() ? "multi" : "single";
      String service = random.nextInt(3) == 0 ? null : random.nextBoolean() ? HostileRequests.text(random, random.nextInt(2000)) : "echo";
      byte[] payload = HostileRequests.payload(random);
      try {
        Route route = router.route(namespace, service, payload);
        assertThat(route.endpoint()).isNotNull();
      } catch (RoutingException e) {
        assertThat(e.status()).isIn(Status.NOT_FOUND, Status.INVALID_ARGUMENT);
        assertThat(e.getMessage()).hasSizeLessThan(700).doesNotContain(HostileRequests.SECRET.substring(3, 9))
            .doesNotContain("Exception").doesNotContain("StreamReadConstraints").doesNotContainPattern("[\\x00-\\x1f]");
      }
    });
  }
}
