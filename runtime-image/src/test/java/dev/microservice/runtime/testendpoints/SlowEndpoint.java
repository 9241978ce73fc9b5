package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;
import java.nio.charset.StandardCharsets;

/** Test endpoint: sleeps for the number of milliseconds in the request, then answers. */
public final class SlowEndpoint implements Endpoint {
  @Override
  public String name() {
    return "slow";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) throws InterruptedException {
    long millis = Long.parseLong(new String(request, StandardCharsets.UTF_8).trim());
    Thread.sleep(millis);
    return ("slept " + millis + " ms").getBytes(StandardCharsets.UTF_8);
  }
}
