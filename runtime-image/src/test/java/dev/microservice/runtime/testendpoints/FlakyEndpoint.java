package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;

/** Test endpoint: fails its first attempt at every record with UNAVAILABLE, then echoes. */
public final class FlakyEndpoint implements Endpoint {
  @Override
  public String name() {
    return "flaky";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) throws EndpointException {
    if (ctx.attempt() < 2) {
      throw EndpointException.unavailable("first attempts always fail");
    }
    return request;
  }
}
