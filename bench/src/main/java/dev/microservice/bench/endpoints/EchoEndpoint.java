package dev.microservice.bench.endpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;

/** Benchmark endpoint: answers with the request, as the baselines do. */
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
