package dev.microservice.runtime.tracing;

import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * The SLF4J MDC entries of one handled request, set on the handling thread for as long as it is
 * handled (the endpoint's own logs included) and removed after: {@value #TRACE_ID}, {@value #SPAN_ID},
 * {@value #MICROSERVICE}, {@value #SERVER}, {@value #NAMESPACE} and {@value #SERVICE}. An entry whose
 * value is not known (no trace context; a request that could not be routed) is left out.
 */
public final class RequestMdc implements AutoCloseable {
  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String MICROSERVICE = "microservice";
  public static final String SERVER = "server";
  public static final String NAMESPACE = "namespace";
  public static final String SERVICE = "service";

  private final MDCAdapter mdc;

  private RequestMdc(MDCAdapter mdc) {
    this.mdc = mdc;
  }

  /**
   * Puts the request's entries.
   *
   * @param span the request's span
   * @param microservice the MicroService's name
   * @param server the manifest server's name
   * @return what removes them again
   */
  public static RequestMdc open(RequestSpan span, String microservice, String server) {
    return open(MDC.getMDCAdapter(), span, microservice, server);
  }

  static RequestMdc open(MDCAdapter mdc, RequestSpan span, String microservice, String server) {
    RequestMdc entries = new RequestMdc(mdc);
    entries.put(TRACE_ID, span.traceId());
    entries.put(SPAN_ID, span.spanId());
    entries.put(MICROSERVICE, microservice);
    entries.put(SERVER, server);
    return entries;
  }

  /** Adds the namespace and service once the request is routed. */
  public void routed(String namespace, String service) {
    put(NAMESPACE, namespace);
    put(SERVICE, service);
  }

  private void put(String key, String value) {
    if (value != null && !value.isEmpty()) {
      mdc.put(key, value);
    }
  }

  @Override
  public void close() {
    mdc.remove(TRACE_ID);
    mdc.remove(SPAN_ID);
    mdc.remove(MICROSERVICE);
    mdc.remove(SERVER);
    mdc.remove(NAMESPACE);
    mdc.remove(SERVICE);
  }
}
