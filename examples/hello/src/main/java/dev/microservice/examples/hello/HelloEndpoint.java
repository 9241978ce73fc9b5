package dev.microservice.examples.hello;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Map;

/** Answers {@code Hello, <request>!}; the greeting word comes from the config key {@code greeting}. */
public final class HelloEndpoint implements Endpoint {
  private volatile String greeting = "Hello";

  @Override
  public String name() {
    return "hello";
  }

  @Override
  public void init(Map<String, String> config) {
    greeting = config.getOrDefault("greeting", "Hello");
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
    return (greeting + ", " + who + "!").getBytes(StandardCharsets.UTF_8);
  }
}
