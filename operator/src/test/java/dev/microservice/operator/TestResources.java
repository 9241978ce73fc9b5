package dev.microservice.operator;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads the example MicroService and golden files for the operator's tests. */
public final class TestResources {
  public static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  public static final String RUNTIME_IMAGE = "ghcr.io/microservice-operator/runtime:0.1.0";

  private TestResources() {}

  /** The hello example as a MicroService in namespace "shop". */
  public static MicroService hello() {
    MicroService ms = read(ROOT.resolve("examples/hello/microservice.yaml"), MicroService.class);
    ms.getMetadata().setNamespace("shop");
    return ms;
  }

  /** @return every MicroService manifest under examples/ */
  public static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml") && !p.toString().contains("/target/"))
          .filter(TestResources::isMicroService).sorted().toList();
    }
  }

  /** @return the project's bad manifests, each saying what must reject it ({@code # expect:}, {@code # server:}) */
  public static List<Path> invalidManifests() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/invalid"))) {
      return files.sorted().toList();
    }
  }

  private static boolean isMicroService(Path p) {
    try {
      return Files.readString(p).lines().anyMatch(l -> l.strip().equals("kind: MicroService"));
    } catch (IOException e) {
      return false;
    }
  }

  public static <T> T read(Path file, Class<T> type) {
    try {
      return Serialization.unmarshal(Files.readString(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
