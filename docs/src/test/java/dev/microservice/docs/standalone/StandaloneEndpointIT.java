package dev.microservice.docs.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestParser;
import dev.microservice.runtime.endpoints.EndpointCatalog;
import dev.microservice.runtime.endpoints.EndpointLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An endpoint project outside this repository builds after the one command docs/endpoints.md
 * gives: the command, read from the doc, installs endpoint-api; a copy of
 * examples/endpoint-template in a temporary directory (outside the repository, with a space in
 * its path) then builds with Maven, runs its unit test and packages a loadable endpoint jar.
 */
@TestMethodOrder(OrderAnnotation.class)
class StandaloneEndpointIT {
  private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  private static final Path DOC = ROOT.resolve("docs/endpoints.md");
  private static final Path TEMPLATE = ROOT.resolve("examples/endpoint-template");
  private static final Path LOGS = ROOT.resolve("docs/target/standalone-endpoint");
  private static final String SERVICES = "META-INF/services/dev.microservice.endpoint.Endpoint";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @Test
  @Order(1)
  void theDocumentedCommandInstallsASelfContainedEndpointApi() throws Exception {
    var blocks = dev.microservice.docs.CommandBlocks.runBy(ROOT, "docs/endpoints.md", StandaloneEndpointIT.class.getSimpleName());
    assertThat(blocks).as("blocks of docs/endpoints.md marked run by StandaloneEndpointIT").hasSize(1);
    String block = blocks.get(0).script();
    assertThat(block).as("the documented command").contains("endpoint-api").contains("install");

    Command.Result install = Command.run(List.of("sh", "-ec", block), ROOT, LOGS.resolve("install.log"), TIMEOUT);
    System.out.printf("StandaloneEndpointIT: the documented command took %d ms%n", install.took().toMillis());
    assertThat(install.exitCode()).as("exit code of\n" + block + "\n" + install.tail()).isZero();

    // What a consumer resolves: an endpoint-api pom that needs no parent pom and no BOM from this repository.
    String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    Path pom = localRepository().resolve("dev/microservice/endpoint-api/" + version + "/endpoint-api-" + version + ".pom");
    assertThat(pom).exists();
    assertThat(Files.readString(pom)).doesNotContain("<parent>").doesNotContain("<dependencyManagement>");
  }

  @Test
  @Order(2)
  void aCopyOfTheTemplateOutsideTheRepositoryBuildsAndPassesItsTest() throws Exception {
    Path project = Files.createTempDirectory("endpoint template ").resolve("my endpoint");
    assertThat(project.toString()).contains(" ");
    assertThat(project.getParent().toRealPath().startsWith(ROOT.toRealPath())).as("outside the repository").isFalse();
    copyWithoutTarget(TEMPLATE, project);

    Path pom = project.resolve("pom.xml");
    Command.Result build = Command.run(List.of(ROOT.resolve("mvnw").toString(), "-B", "-f", pom.toString(), "package"),
        project, LOGS.resolve("build.log"), TIMEOUT);
    System.out.printf("StandaloneEndpointIT: building the template took %d ms%n", build.took().toMillis());
    assertThat(build.exitCode()).as("mvnw -f " + pom + " package\n" + build.tail()).isZero();
    assertThat(build.output()).as("the build must not see this repository's parent pom")
        .doesNotContain("microservice-operator-parent");

    // The endpoint's unit test ran, and passed, as part of the build.
    assertThat(build.output()).containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0");
    try (Stream<Path> reports = Files.list(project.resolve("target/surefire-reports"))) {
      assertThat(reports.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("TEST-") && n.endsWith(".xml"));
    }

    String services = Files.readString(TEMPLATE.resolve("src/main/resources/" + SERVICES), StandardCharsets.UTF_8).strip();
    assertThat(services).isNotEmpty();
    Path jar = project.resolve("target/my-endpoint.jar");
    assertThat(jar).exists();
    try (JarFile j = new JarFile(jar.toFile())) {
      assertThat(j.getEntry(services.replace('.', '/') + ".class")).as("the endpoint class").isNotNull();
      assertThat(j.getEntry(SERVICES)).as("the services file").isNotNull();
      assertThat(new String(j.getInputStream(j.getEntry(SERVICES)).readAllBytes(), StandardCharsets.UTF_8).strip())
          .isEqualTo(services);
      assertThat(j.stream().map(e -> e.getName())).as("endpoint-api is provided, never bundled")
          .noneMatch(n -> n.startsWith("dev/microservice/endpoint/"));
    }

    // The runtime loads the jar, and the template's manifest names only endpoints it holds.
    Manifest manifest = ManifestParser.parse(project.resolve("microservice.yaml"));
    Set<String> wanted = manifest.getSpec().getServers().stream().flatMap(s -> s.getNamespaces().stream())
        .flatMap(n -> n.getServices().stream()).map(s -> s.getEndpoint()).collect(Collectors.toSet());
    try (EndpointCatalog catalog = EndpointLoader.load(project.resolve("target"))) {
      assertThat(wanted).isNotEmpty();
      assertThat(catalog.names()).containsAll(wanted);
    }
    deleteRecursively(project.getParent()); // kept when an assertion fails, for a look
  }

  private static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void copyWithoutTarget(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      files.filter(p -> !from.relativize(p).startsWith("target")).forEach(p -> {
        try {
          Path dest = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(dest);
          } else {
            Files.copy(p, dest);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
