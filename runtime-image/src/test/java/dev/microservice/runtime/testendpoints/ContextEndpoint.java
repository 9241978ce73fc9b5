package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;
import java.nio.charset.StandardCharsets;

/** Test endpoint: answers with what its request context says (transport, names, deadline, a header). */
public final class ContextEndpoint implements Endpoint {
  @Override
  public String name() {
    return "context";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) {
    String remaining = ctx.remaining().map(d -> String.valueOf(d.toMillis())).orElse("none");
    String reply = ctx.transport() + " " + ctx.namespace() + "/" + ctx.service()
        + " remaining=" + remaining + " x-request-id=" + ctx.header("x-request-id").orElse("none")
        + " loader=" + getClass().getClassLoader().getName();
    return reply.getBytes(StandardCharsets.UTF_8);
  }
}
