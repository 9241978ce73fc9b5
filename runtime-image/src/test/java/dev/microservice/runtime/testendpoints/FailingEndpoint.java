package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import dev.microservice.endpoint.Status;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test endpoint: fails the way the request says (invalid, unavailable or crash). */
public final class FailingEndpoint implements Endpoint {
  @Override
  public String name() {
    return "fail";
  }

  @Override
  public void init(Map<String, String> config) {
    if ("true".equals(config.get("fail.init"))) {
      throw new IllegalArgumentException("fail.init is set");
    }
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) throws Exception {
    String how = new String(request, StandardCharsets.UTF_8);
    switch (how) {
      case "invalid" -> throw new EndpointException(Status.INVALID_ARGUMENT, "order id must be numeric");
      case "unavailable" -> throw EndpointException.unavailable("inventory service is down");
      default -> throw new IllegalStateException("internal detail: password=hunter2");
    }
  }
}
