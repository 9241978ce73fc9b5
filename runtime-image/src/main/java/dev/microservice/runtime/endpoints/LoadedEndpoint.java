package dev.microservice.runtime.endpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.endpoint.RequestContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * An endpoint instance with the class loader and jar it came from. Every call into it runs with
 * that class loader as the thread's context class loader, as libraries inside the jar expect.
 *
 * @param name the endpoint's name
 * @param endpoint the instance
 * @param source the jar or directory it was loaded from
 */
public record LoadedEndpoint(String name, Endpoint endpoint, Path source) {

  /**
   * Calls {@link Endpoint#handle}.
   *
   * @param ctx the request context
   * @param request the payload
   * @return the reply, or null for none
   * @throws Exception whatever the endpoint throws
   */
  public byte[] handle(RequestContext ctx, byte[] request) throws Exception {
    return withContextLoader(() -> endpoint.handle(ctx, request));
  }

  void init(Map<String, String> config) throws Exception {
    withContextLoader(() -> {
      endpoint.init(config);
      return null;
    });
  }

  void close() throws Exception {
    withContextLoader(() -> {
      endpoint.close();
      return null;
    });
  }

  private <T> T withContextLoader(Callable<T> call) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(endpoint.getClass().getClassLoader());
    try {
      return call.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
