package dev.microservice.examples.hello;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Answers {@code Hello, <request>!}; the greeting word comes from the config key {@code greeting}. The config key
 * {@code workMillis} (default 0) makes each request take that long, as real work would: the autoscaling walk-through
 * (docs/autoscaling.md) uses it to build up Kafka lag.
 */
public final class HelloEndpoint implements Endpoint {
  private volatile String greeting = "Hello";
  private volatile long workMillis;

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public void init(Map<String, String> config) {
    greeting = config.getOrDefault("greeting", "Hello");
    String work = config.getOrDefault("workMillis", "0");
    try {
      workMillis = Long.parseLong(work.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("config 'workMillis' must be a whole number of milliseconds, got '" + work + "'");
    }
    if (workMillis < 0 || workMillis > 60_000) {
      throw new IllegalArgumentException("config 'workMillis' must be between 0 and 60000, got " + workMillis);
    }
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) throws EndpointException {
    String who;
    try {
      who = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(request))
          .toString();
    } catch (CharacterCodingException e) {
      throw EndpointException.invalidArgument("the request is not UTF-8 text");
    }
    if (workMillis > 0) {
      try {
        Thread.sleep(workMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw EndpointException.unavailable("interrupted while working");
      }
    }
    return (greeting + ", " + who + "!").getBytes(StandardCharsets.UTF_8);
  }
}
