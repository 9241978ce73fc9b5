package dev.microservice.runtime.routing;

import dev.microservice.endpoint.Status;
import dev.microservice.model.Echo;
import dev.microservice.model.NamespaceSpec;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.ServiceSpec;
import dev.microservice.runtime.endpoints.EndpointCatalog;
import dev.microservice.runtime.endpoints.LoadedEndpoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The namespace/service demultiplexer of one server. A message goes to the service it names (the
 * transport's explicit field or header), else to the service its seed envelope names, else to
 * its namespace's only service. Errors repeat at most a short, escaped prefix of the names a client sent.
 */
public final class Router {
  private final Map<String, Map<String, LoadedEndpoint>> namespaces = new LinkedHashMap<>();

  /**
   * Builds the routing table of a server.
   *
   * @param server the server's spec
   * @param catalog the loaded endpoints; every service's endpoint must be in it
   */
  public Router(ServerSpec server, EndpointCatalog catalog) {
    for (NamespaceSpec ns : server.getNamespaces()) {
      Map<String, LoadedEndpoint> services = new LinkedHashMap<>();
      for (ServiceSpec svc : ns.getServices()) {
        services.put(svc.getName(), catalog.get(svc.getEndpoint()).orElseThrow());
      }
      namespaces.put(ns.getName(), Collections.unmodifiableMap(services));
    }
  }

  /** @return the namespaces this router serves */
  public Set<String> namespaces() {
    return namespaces.keySet();
  }

  /**
   * Routes one message.
   *
   * @param namespace the namespace (gRPC Namespace field, Kafka topic)
   * @param service the explicitly named service, or null/empty when the message names none
   * @param data the payload
   * @return where it goes
   * @throws RoutingException NOT_FOUND for unknown names, INVALID_ARGUMENT when unroutable
   */
  public Route route(String namespace, String service, byte[] data) throws RoutingException {
    Map<String, LoadedEndpoint> services = namespaces.get(namespace);
    if (services == null) {
      throw new RoutingException(Status.NOT_FOUND,
          "unknown namespace " + Echo.quoted(namespace) + "; this server serves: " + String.join(", ", namespaces.keySet()));
    }
    if (service != null && !service.isEmpty()) {
      return new Route(namespace, service, find(namespace, services, service), data);
    }
    SeedEnvelope envelope = parseEnvelope(services, data);
    if (envelope != null) {
      return new Route(namespace, envelope.service(), find(namespace, services, envelope.service()), envelope.message());
    }
    if (services.size() == 1) {
      Map.Entry<String, LoadedEndpoint> only = services.entrySet().iterator().next();
      return new Route(namespace, only.getKey(), only.getValue(), data);
    }
    throw new RoutingException(Status.INVALID_ARGUMENT,
        "cannot route a message in namespace " + Echo.quoted(namespace) + ": it names no service and the namespace has "
            + services.size() + " (" + String.join(", ", services.keySet()) + "); name one in the Service field,"
            + " a 'service' header, or a {\"service\", \"service_message\"} envelope");
  }

  private static SeedEnvelope parseEnvelope(Map<String, LoadedEndpoint> services, byte[] data)
      throws RoutingException {
    try {
      return SeedEnvelope.parse(data);
    } catch (RoutingException e) {
      if (services.size() == 1 && !(e instanceof SeedEnvelope.AmbiguousEnvelopeException)) {
        return null; // JSON-looking payload for a single-service namespace: deliver as is
      }
      throw e;
    }
  }

  private static LoadedEndpoint find(String namespace, Map<String, LoadedEndpoint> services, String service)
      throws RoutingException {
    LoadedEndpoint endpoint = services.get(service);
    if (endpoint == null) {
      throw new RoutingException(Status.NOT_FOUND,
          "unknown service " + Echo.quoted(service) + " in namespace " + Echo.quoted(namespace) + "; known services: "
              + String.join(", ", services.keySet()));
    }
    return endpoint;
  }
}
