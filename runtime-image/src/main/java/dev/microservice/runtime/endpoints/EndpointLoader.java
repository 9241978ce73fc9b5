package dev.microservice.runtime.endpoints;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.model.ServiceSpec;
import dev.microservice.runtime.StartupException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds endpoints in a directory. Each {@code *.jar} directly in it is one unit with its own class
 * loader; so is each sub-directory, whose jars share a class loader (an endpoint with its
 * libraries). Endpoints are found with {@link ServiceLoader}.
 */
public final class EndpointLoader {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointLoader.class);

  private EndpointLoader() {}

  /**
   * Loads every endpoint of a directory.
   *
   * @param dir the endpoints directory
   * @return the endpoints found, by name
   * @throws StartupException naming the directory, jar or class at fault
   */
  public static EndpointCatalog load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new StartupException("endpoints directory " + dir + " does not exist or is not a directory");
    }
    Map<String, LoadedEndpoint> found = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path unit : units(dir)) {
      for (LoadedEndpoint e : loadUnit(unit, problems)) {
        LoadedEndpoint other = found.putIfAbsent(e.name(), e);
        if (other != null) {
          problems.add("endpoint '" + e.name() + "' is defined twice: by " + other.source() + " and by " + e.source());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new StartupException("cannot load endpoints from " + dir + ":\n  " + String.join("\n  ", problems));
    }
    LOG.info("Loaded {} endpoint(s) from {}: {}", found.size(), dir, String.join(", ", found.keySet()));
    return new EndpointCatalog(dir, found);
  }

  private static List<Path> units(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> Files.isDirectory(p) ? !jarsOf(p).isEmpty() : isJar(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StartupException("cannot list endpoints directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<LoadedEndpoint> loadUnit(Path unit, List<String> problems) {
    List<Path> jars = Files.isDirectory(unit) ? jarsOf(unit) : List.of(unit);
    EndpointClassLoader loader = new EndpointClassLoader("endpoints:" + unit.getFileName(), urls(jars));
    List<LoadedEndpoint> endpoints = new ArrayList<>();
    try {
      for (ServiceLoader.Provider<Endpoint> provider : ServiceLoader.load(Endpoint.class, loader).stream().toList()) {
        instantiate(unit, provider, problems).ifPresent(endpoints::add);
      }
    } catch (ServiceConfigurationError e) {
      problems.add(unit + ": bad META-INF/services/" + Endpoint.class.getName() + ": " + e.getMessage());
    }
    if (endpoints.isEmpty() && problems.isEmpty()) {
      LOG.warn("{} declares no endpoints (no META-INF/services/{})", unit, Endpoint.class.getName());
    }
    return endpoints;
  }

  private static Optional<LoadedEndpoint> instantiate(
      Path unit, ServiceLoader.Provider<Endpoint> provider, List<String> problems) {
    String className = provider.type().getName();
    try {
      Endpoint endpoint = provider.get();
      String name = endpoint.name();
      if (name == null || !name.matches(ServiceSpec.NAME_PATTERN)) {
        problems.add(unit + ": " + className + ".name() returned '" + name + "', which is not a valid endpoint name");
        return Optional.empty();
      }
      return Optional.of(new LoadedEndpoint(name, endpoint, unit));
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      problems.add(unit + ": cannot create " + className + ": " + cause);
      return Optional.empty();
    }
  }

  private static List<Path> jarsOf(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(EndpointLoader::isJar).sorted().toList();
    } catch (IOException e) {
      throw new StartupException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isJar(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new StartupException("bad jar path " + jars.get(i), e);
      }
    }
    return urls;
  }
}
