package dev.microservice.runtime.routing;

import dev.microservice.runtime.endpoints.LoadedEndpoint;

/**
 * Where a message goes.
 *
 * @param namespace the namespace (gRPC namespace or Kafka topic)
 * @param service the service it was routed to
 * @param endpoint the endpoint that handles the service
 * @param payload what the endpoint receives (the envelope's service_message, when enveloped)
 */
public record Route(String namespace, String service, LoadedEndpoint endpoint, byte[] payload) {}
