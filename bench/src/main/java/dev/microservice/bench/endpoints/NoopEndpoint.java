package dev.microservice.bench.endpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;

/** Benchmark endpoint: handles a record and replies nothing. */
public final class NoopEndpoint implements Endpoint {
  @Override
  public String name() {
    return "noop";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) {
    return null;
  }
}
