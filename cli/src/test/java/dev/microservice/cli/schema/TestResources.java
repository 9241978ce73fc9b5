package dev.microservice.cli.schema;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's example MicroServices and bad manifests, for the schema tests. */
final class TestResources {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

  private TestResources() {}

  /** @return every MicroService manifest under examples/ */
  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/"))
          .filter(TestResources::isMicroService).sorted().toList();
    }
  }

  /** @return the operator's bad manifests, each saying what must reject it ({@code # expect:}) */
  static List<Path> invalidManifests() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("operator/src/test/resources/invalid"))) {
      return files.sorted().toList();
    }
  }

  /** @return the hello example in namespace "shop", at generation 3 */
  static MicroService hello() throws IOException {
    MicroService ms = Serialization.unmarshal(Files.readString(ROOT.resolve("examples/hello/microservice.yaml")), MicroService.class);
    ms.getMetadata().setNamespace("shop");
    ms.getMetadata().setGeneration(3L);
    return ms;
  }

  private static boolean isMicroService(Path p) {
    try {
      return Files.readString(p).lines().anyMatch(l -> l.strip().equals("kind: MicroService"));
    } catch (IOException e) {
      return false;
    }
  }
}
