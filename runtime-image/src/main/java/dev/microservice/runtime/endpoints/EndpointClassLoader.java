package dev.microservice.runtime.endpoints;

import dev.microservice.endpoint.Endpoint;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Isolates one endpoint unit (a jar, or a directory of jars) from the runtime and from other
 * units. It sees the JDK, the endpoint API and SLF4J (so endpoint logs reach the runtime's log),
 * and its own jars; nothing else of the runtime's class path.
 */
final class EndpointClassLoader extends URLClassLoader {
  private static final String[] SHARED_PACKAGES = {"dev.microservice.endpoint.", "org.slf4j."};
  private static final ClassLoader RUNTIME = Endpoint.class.getClassLoader();

  static {
    registerAsParallelCapable();
  }

  EndpointClassLoader(String name, URL[] jars) {
    super(name, jars, ClassLoader.getPlatformClassLoader());
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    for (String shared : SHARED_PACKAGES) {
      if (name.startsWith(shared)) {
        return RUNTIME.loadClass(name);
      }
    }
    return super.loadClass(name, resolve);
  }
}
