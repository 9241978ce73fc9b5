package dev.microservice.bench;

import dev.microservice.bench.endpoints.EchoEndpoint;
import dev.microservice.bench.endpoints.NoopEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes the benchmark endpoints (echo, noop) as an endpoint jar, as a user would ship them. */
final class BenchEndpoints {
  private BenchEndpoints() {}

  static Path jarDir(Path dir) {
    try {
      Files.createDirectories(dir);
      try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("bench-endpoints.jar")))) {
        for (Class<?> c : List.of(EchoEndpoint.class, NoopEndpoint.class)) {
          String entry = c.getName().replace('.', '/') + ".class";
          copy(jar, "/" + entry, entry);
        }
        copy(jar, "/bench-endpoints/META-INF/services/dev.microservice.endpoint.Endpoint",
            "META-INF/services/dev.microservice.endpoint.Endpoint");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(JarOutputStream jar, String resource, String entry) throws IOException {
    try (InputStream in = BenchEndpoints.class.getResourceAsStream(resource)) {
      jar.putNextEntry(new JarEntry(entry));
      in.transferTo(jar);
      jar.closeEntry();
    }
  }
}
