package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;

/** Test endpoint: never replies (returns null). */
public final class SilentEndpoint implements Endpoint {
  @Override
  public String name() {
    return "silent";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) {
    return null;
  }
}
