package dev.microservice.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the images profile (Jib) exactly as users do, on scratch bases because no registry is
 * reachable here, then opens the OCI tarballs: entrypoint, user and files.
 */
class ImagesIT {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  static final String VERSION = System.getProperty("project.version");
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void buildImages() throws Exception {
    Path log = ROOT.resolve("images/target/images-build.log");
    Files.createDirectories(log.getParent());
    Path cache = ROOT.resolve("images/target/jib-cache");
    Process build = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-B", "-q", "-Pimages",
        "-pl", "runtime-image,operator,examples/hello", "-am", "package", "-DskipTests",
        "-Dimage.jre.base=scratch", "-Dimage.endpoint.base=scratch",
        "-Djib.baseImageCache=" + cache.resolve("base"), "-Djib.applicationCache=" + cache.resolve("app"))
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("image build finished").isTrue();
    assertThat(build.exitValue()).as("image build failed:\n%s", Files.readString(log)).isZero();
  }

  @Test
  void runtimeImageRunsTheRuntimeAsNonRoot() throws IOException {
    OciImage image = OciImage.open(ROOT.resolve("runtime-image/target/jib/runtime-image.tar"));
    JsonNode config = image.config().get("config");
    assertThat(config.get("User").asText()).isEqualTo("65532:65532");
    assertThat(strings(config.get("Entrypoint"))).startsWith("java").contains("-XX:MaxRAMPercentage=75", "dev.microservice.runtime.Main");
    assertThat(strings(config.get("Cmd"))).containsExactly("--manifest", "/etc/microservice/microservice.yaml", "--endpoints", "/endpoints");
    assertThat(image.files()).contains("app/classes/dev/microservice/runtime/Main.class")
        .anyMatch(f -> f.matches("app/libs/grpc-netty-shaded-.*\\.jar"));
    assertThat(image.index()).contains("ghcr.io/microservice-operator/runtime:" + VERSION);
  }

  @Test
  void operatorImageRunsTheOperatorAsNonRoot() throws IOException {
    OciImage image = OciImage.open(ROOT.resolve("operator/target/jib/operator-image.tar"));
    JsonNode config = image.config().get("config");
    assertThat(config.get("User").asText()).isEqualTo("65532:65532");
    assertThat(strings(config.get("Entrypoint"))).startsWith("java").contains("dev.microservice.operator.OperatorMain");
    assertThat(image.files()).contains("app/classes/dev/microservice/operator/OperatorMain.class")
        .anyMatch(f -> f.matches("app/libs/operator-framework-core-.*\\.jar"));
  }

  @Test
  void helloEndpointImageHasItsJarUnderEndpoints() throws IOException {
    OciImage image = OciImage.open(ROOT.resolve("examples/hello/target/jib/hello-endpoint-image.tar"));
    assertThat(image.config().get("config").get("User").asText()).isEqualTo("65532:65532");
    assertThat(image.files()).contains("endpoints/hello-endpoint.jar");
    assertThat(image.config().get("config").has("Entrypoint")).as("inherits the base's entrypoint").isFalse();
  }

  static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(n -> list.add(n.asText()));
    return list;
  }

  /** An OCI image layout in a tarball. */
  record OciImage(Map<String, byte[]> blobs, String index, JsonNode manifest) {
    static OciImage open(Path tar) throws IOException {
      Map<String, byte[]> entries = new HashMap<>();
      try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
        for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
          if (e.isFile()) {
            entries.put(e.getName(), t.readAllBytes());
          }
        }
      }
      String index = new String(entries.get("index.json"));
      String manifestDigest = JSON.readTree(index).get("manifests").get(0).get("digest").asText();
      return new OciImage(entries, index, JSON.readTree(entries.get(blob(manifestDigest))));
    }

    JsonNode config() throws IOException {
      return JSON.readTree(blobs.get(blob(manifest.get("config").get("digest").asText())));
    }

    List<String> files() throws IOException {
      List<String> files = new ArrayList<>();
      for (JsonNode layer : manifest.get("layers")) {
        try (TarArchiveInputStream t = new TarArchiveInputStream(
            new GZIPInputStream(new java.io.ByteArrayInputStream(blobs.get(blob(layer.get("digest").asText())))))) {
          for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
            files.add(e.getName());
          }
        }
      }
      return files;
    }

    static String blob(String digest) {
      return "blobs/" + digest.replace(':', '/');
    }
  }
}
