package dev.microservice.examples.hello;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import java.nio.charset.StandardCharsets;

/** Answers {@code Goodbye, <request>!}: a second endpoint in the same jar. */
public final class GoodbyeEndpoint implements Endpoint {
  @Override
  public String name() {
    return "goodbye";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) throws EndpointException {
    if (request.length == 0) {
      throw EndpointException.invalidArgument("say who to say goodbye to");
    }
    return ("Goodbye, " + new String(request, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);
  }
}
