package dev.microservice.runtime.testendpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;
import java.nio.charset.StandardCharsets;
import org.slf4j.MDC;

/** Test endpoint: answers with the trace context it sees, in its request context and in the SLF4J MDC. */
public final class TraceEndpoint implements Endpoint {
  @Override
  public String name() {
    return "trace";
  }

  @Override
  public byte[] handle(RequestContext ctx, byte[] request) {
    String reply = "trace=" + ctx.traceId().orElse("none") + " span=" + ctx.spanId().orElse("none")
        + " mdc.trace_id=" + MDC.get("trace_id") + " mdc.span_id=" + MDC.get("span_id") + " mdc.service=" + MDC.get("service");
    return reply.getBytes(StandardCharsets.UTF_8);
  }
}
