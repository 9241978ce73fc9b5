package dev.microservice.runtime;

import dev.microservice.runtime.endpoints.EndpointCatalog;
import dev.microservice.runtime.endpoints.EndpointLoader;
import dev.microservice.runtime.testendpoints.EchoEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Packs the test endpoints (package testendpoints) into a real endpoint jar, as users would. */
public final class TestEndpointsJar {
  static final String SERVICES = "META-INF/services/dev.microservice.endpoint.Endpoint";

  private TestEndpointsJar() {}

  /** The test endpoints, packed as a jar and loaded the way the runtime loads them. */
  public static EndpointCatalog catalog() {
    return EndpointLoader.load(build(Path.of("target/unit-endpoints")));
  }

  /** Writes {@code dir/test-endpoints.jar} and returns dir. */
  public static Path build(Path dir) {
    try {
      Files.createDirectories(dir);
      Path classes = Path.of(EchoEndpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String pkg = EchoEndpoint.class.getPackageName().replace('.', '/');
      List<Path> classFiles;
      try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
        classFiles = files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
      }
      try (OutputStream file = Files.newOutputStream(dir.resolve("test-endpoints.jar"));
          JarOutputStream jar = new JarOutputStream(file)) {
        for (Path c : classFiles) {
          jar.putNextEntry(new JarEntry(pkg + "/" + c.getFileName()));
          Files.copy(c, jar);
          jar.closeEntry();
        }
        jar.putNextEntry(new JarEntry(SERVICES));
        try (InputStream services = TestEndpointsJar.class.getResourceAsStream("/test-endpoints/" + SERVICES)) {
          services.transferTo(jar);
        }
        jar.closeEntry();
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
