package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test endpoint: its init blocks until the file named by config key {@code gate.file} exists. */
public final class GatedEndpoint implements Endpoint {
  @Override
  public String name() {
    return "gated";
  }

  @Override
  public void init(Map<String, String> config) throws InterruptedException {
    String gate = config.get("gate.file");
    while (gate != null && !Files.exists(Path.of(gate))) {
      Thread.sleep(20);
    }
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) {
    return request;
  }
}
