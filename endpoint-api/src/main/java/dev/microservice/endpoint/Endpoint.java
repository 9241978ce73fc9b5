package dev.microservice.endpoint;

import java.util.Map;

/**
 * A unit of business logic: bytes in, bytes out.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader}: the endpoint jar lists
 * each implementation in {@code META-INF/services/dev.microservice.endpoint.Endpoint}, and each
 * needs a public no-argument constructor. A {@code MicroService} manifest refers to an endpoint by
 * {@link #name()}.
 *
 * <p>{@link #handle} is called concurrently from many threads and must be thread-safe.
 */
public interface Endpoint extends AutoCloseable {

  /**
   * The name a manifest uses to map a service to this endpoint, for example {@code hello}. Names
   * are unique across all endpoint jars that one runtime loads.
   *
   * @return a non-blank name made of letters, digits, '.', '_' and '-'
   */
  String name();

  /**
   * Called once before the first request, with the manifest's {@code spec.config}. The default
   * does nothing.
   *
   * @param config the configuration entries; never null, unmodifiable
   * @throws Exception to abort start-up; the runtime reports it and exits
   */
  default void init(Map<String, String> config) throws Exception {}

  /**
   * Handles one request.
   *
   * @param ctx where the request came from, its headers and its deadline
   * @param request the request payload; never null, possibly empty
   * @return the reply payload, or {@code null} for "no reply"
   * @throws EndpointException to fail with a status the transport maps (gRPC status code, Kafka
   *     retry or dead-letter decision)
   * @throws Exception any other failure, reported as {@link Status#INTERNAL} with its class name
   *     and an error id; its message and stack trace go only to the runtime's log, never to a
   *     caller or a dead-letter topic
   */
  byte[] handle(RequestContext ctx, byte[] request) throws Exception;

  /** Called once at shutdown, after the last request. The default does nothing. */
  @Override
  default void close() throws Exception {}
}
