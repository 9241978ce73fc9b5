package dev.microservice.docs.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The endpoint template and docs/endpoints.md name the versions this repository builds with: the
 * endpoint-api version, JUnit and the plugins (the template cannot inherit them: it has no parent).
 */
class TemplateVersionsTest {
  private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

  @Test
  void theTemplatePinsTheRepositorysVersions() throws IOException {
    String root = Files.readString(ROOT.resolve("pom.xml"));
    String template = Files.readString(ROOT.resolve("examples/endpoint-template/pom.xml"));
    assertThat(template).doesNotContain("<parent>");
    for (String property : List.of("compiler-plugin.version", "surefire.version", "jar-plugin.version", "junit.version",
        "jib-plugin.version")) {
      assertThat(property(template, property)).as(property).isEqualTo(property(root, property));
    }
    assertThat(property(template, "microservice.version")).isEqualTo(projectVersion(root));
  }

  @Test
  void theDocGivesTheCoordinatesAndVersion() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/endpoints.md"));
    String version = projectVersion(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(doc).contains("| `dev.microservice` | `endpoint-api` | `" + version + "` | `provided` |");
    assertThat(doc).contains("cp -r examples/endpoint-template ");
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
    assertThat(m.find()).as(name + " in a pom").isTrue();
    return m.group(1).strip();
  }

  /** The project's own version: the first version element after the parent's artifactId. */
  private static String projectVersion(String rootPom) {
    Matcher m = Pattern.compile("<artifactId>microservice-operator-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(rootPom);
    assertThat(m.find()).isTrue();
    return m.group(1).strip();
  }
}
