package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;

/** Test endpoint: answers with the request itself. */
public final class EchoEndpoint implements Endpoint {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) {
    return request;
  }
}
