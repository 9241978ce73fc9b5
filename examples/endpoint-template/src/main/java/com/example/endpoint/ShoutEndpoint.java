package com.example.endpoint;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** An endpoint named {@code shout}: answers its text request in upper case, followed by the configured suffix. */
public final class ShoutEndpoint implements Endpoint {
  private volatile String suffix = "!";

  @Override
  public String name() {
    return "shout";
  }

  @Override
  public void init(Map<String, String> config) {
    suffix = config.getOrDefault("suffix", "!");
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) throws EndpointException {
    String text = new String(request, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      // The caller gets INVALID_ARGUMENT and this message (Kafka: dead-lettered at once, not retried).
      throw EndpointException.invalidArgument("nothing to shout: the request is empty");
    }
    return (text.toUpperCase(Locale.ROOT) + suffix).getBytes(StandardCharsets.UTF_8);
  }
}
