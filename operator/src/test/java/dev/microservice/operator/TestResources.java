package dev.microservice.operator;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

  public static <T> T read(Path file, Class<T> type) {
    try {
      return Serialization.unmarshal(Files.readString(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
