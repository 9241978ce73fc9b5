package dev.microservice.runtime.endpoints;

import dev.microservice.runtime.StartupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The endpoints loaded from a directory, by name; initialises and closes the ones in use. */
public final class EndpointCatalog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointCatalog.class);

  private final Path dir;
  private final Map<String, LoadedEndpoint> endpoints;
  private final List<LoadedEndpoint> initialised = new ArrayList<>();

  EndpointCatalog(Path dir, Map<String, LoadedEndpoint> endpoints) {
    this.dir = dir;
    this.endpoints = Map.copyOf(endpoints);
  }

  /** @return the names of all endpoints found */
  public Collection<String> names() {
    return endpoints.keySet();
  }

  /**
   * Looks an endpoint up.
   *
   * @param name the endpoint name
   * @return the endpoint, if found
   */
  public Optional<LoadedEndpoint> get(String name) {
    return Optional.ofNullable(endpoints.get(name));
  }

  /**
   * Calls {@code init} on each named endpoint, in name order.
   *
   * @param names the endpoints the manifest uses
   * @param config the manifest's {@code spec.config}
   * @throws StartupException naming the endpoint whose init failed
   */
  public synchronized void init(Set<String> names, Map<String, String> config) {
    Map<String, String> readOnly = Map.copyOf(config);
    for (String name : names.stream().sorted().toList()) {
      LoadedEndpoint endpoint = endpoints.get(name);
      try {
        endpoint.init(readOnly);
        initialised.add(endpoint);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StartupException("interrupted while endpoint '" + name + "' was initialising", e);
      } catch (Exception e) {
        throw new StartupException("endpoint '" + name + "' (" + endpoint.source() + ") failed to initialise: " + e, e);
      }
    }
  }

  /** Closes the initialised endpoints, in reverse order; failures are logged, not thrown. */
  @Override
  public synchronized void close() {
    for (int i = initialised.size() - 1; i >= 0; i--) {
      LoadedEndpoint endpoint = initialised.get(i);
      try {
        endpoint.close();
      } catch (Exception e) {
        LOG.warn("Endpoint '{}' failed to close", endpoint.name(), e);
      }
    }
    initialised.clear();
  }

  @Override
  public String toString() {
    return endpoints.size() + " endpoint(s) from " + dir;
  }
}
