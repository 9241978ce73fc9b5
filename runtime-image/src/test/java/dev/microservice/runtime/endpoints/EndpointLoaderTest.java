package dev.microservice.runtime.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.microservice.endpoint.Endpoint;
import dev.microservice.runtime.StartupException;
import dev.microservice.runtime.TestEndpointsJar;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointLoaderTest {
  @TempDir Path tmp;

  @Test
  void findsEveryEndpointInItsOwnClassLoader() {
    EndpointCatalog catalog = TestEndpointsJar.catalog();
    assertThat(catalog.names()).containsExactlyInAnyOrder("echo", "fail", "slow", "context", "silent", "gated", "flaky", "trace");
    Endpoint echo = catalog.get("echo").orElseThrow().endpoint();
    assertThat(echo.getClass().getClassLoader()).isInstanceOf(EndpointClassLoader.class);
    assertThat(echo.getClass().getClassLoader().getName()).isEqualTo("endpoints:test-endpoints.jar");
    assertThat(Endpoint.class.isInstance(echo)).isTrue();
  }

  @Test
  void subdirectoryIsOneUnit() throws IOException {
    Path unit = Files.createDirectories(tmp.resolve("with-libs"));
    Files.copy(TestEndpointsJar.catalog().get("echo").orElseThrow().source(), unit.resolve("endpoint.jar"));
    emptyJar(unit.resolve("library.jar"));
    EndpointCatalog catalog = EndpointLoader.load(tmp);
    assertThat(catalog.get("echo").orElseThrow().source()).isEqualTo(unit);
  }

  @Test
  void missingDirectoryIsAClearError() {
    assertThatThrownBy(() -> EndpointLoader.load(tmp.resolve("nope")))
        .isInstanceOf(StartupException.class)
        .hasMessage("endpoints directory " + tmp.resolve("nope") + " does not exist or is not a directory");
  }

  @Test
  void theSameEndpointTwiceIsAnError() throws IOException {
    Path jar = TestEndpointsJar.catalog().get("echo").orElseThrow().source();
    Files.copy(jar, tmp.resolve("a.jar"));
    Files.copy(jar, tmp.resolve("b.jar"));
    assertThatThrownBy(() -> EndpointLoader.load(tmp))
        .hasMessageContaining("endpoint 'echo' is defined twice: by " + tmp.resolve("a.jar") + " and by " + tmp.resolve("b.jar"));
  }

  @Test
  void aServicesEntryThatIsNoClassIsAnError() throws IOException {
    Path jar = tmp.resolve("broken.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/" + Endpoint.class.getName()));
      out.write("com.example.Missing\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    assertThatThrownBy(() -> EndpointLoader.load(tmp))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining(jar + ": bad META-INF/services/" + Endpoint.class.getName())
        .hasMessageContaining("com.example.Missing");
  }

  @Test
  void initialisesOnlyTheEndpointsInUse() {
    EndpointCatalog catalog = TestEndpointsJar.catalog();
    // "gated" would block forever on this config: only "echo" may be initialised.
    assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> catalog.init(Set.of("echo"), Map.of("gate.file", tmp.resolve("never").toString())));
    catalog.close();
  }

  @Test
  void initFailureNamesTheEndpoint() {
    EndpointCatalog catalog = TestEndpointsJar.catalog();
    assertThatThrownBy(() -> catalog.init(Set.of("fail"), Map.of("fail.init", "true")))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("endpoint 'fail' (")
        .hasMessageContaining("failed to initialise: java.lang.IllegalArgumentException: fail.init is set");
  }

  private static void emptyJar(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry("README"));
      jar.closeEntry();
    }
  }
}
