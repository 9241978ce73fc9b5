package dev.microservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.ManifestException;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.Problem;
import dev.microservice.cli.schema.CrdValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/manifest.md names every field of the CRD's spec as {@code `spec.a.b[].c`} (see {@link SpecFields} for which
 * fields, and how Kubernetes types and shared types count), and names no field the CRD does not have.
 */
class ManifestDocTest {
  private static final String DOC = "docs/manifest.md";
  private static final Pattern DOCUMENTED_PATH = Pattern.compile("`((?:spec|<[a-z]+>)\\.[A-Za-z0-9.\\[\\]]+)`");

  @Test
  void everySpecFieldIsDocumented() {
    String doc = DocFiles.read(DOC);
    List<String> missing = SpecFields.ofCrd().paths().stream().filter(p -> !doc.contains("`" + p + "`")).toList();
    assertThat(missing)
        .as("CRD fields (" + Crd.FILE + ") not named in " + DOC + " as `<path>`; add a row to its field reference")
        .isEmpty();
  }

  @Test
  void theExampleIsAValidManifest() {
    String doc = DocFiles.read(DOC);
    int start = doc.indexOf("```yaml\n");
    assertThat(start).as(DOC + " opens with a ```yaml example").isNotNegative();
    String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + "```yaml\n".length()));
    List<String> problems = new ArrayList<>();
    try {
      ManifestParser.parse(yaml, DOC);
    } catch (ManifestException e) {
      e.problems().stream().map(Problem::toString).forEach(problems::add);
    }
    CrdValidator.load().validate(ManifestParser.tree(yaml)).stream().map(Problem::toString).forEach(problems::add);
    assertThat(problems).as("problems of the example manifest in " + DOC + " (model rules and the CRD schema)").isEmpty();
  }

  @Test
  void theKubernetesTypedFieldsAreTheExpectedOnes() {
    // Guards the rule itself: if a model field changes to or from a Kubernetes type, this names it.
    assertThat(SpecFields.ofCrd().kubernetesTypedPaths()).contains(
        "spec.endpoints.imagePullSecrets[]", "spec.env[]", "spec.pod.tolerations[]", "spec.pod.affinity",
        "spec.resources");
  }

  @Test
  void everyDocumentedFieldExists() {
    Set<String> known = new TreeSet<>(SpecFields.ofCrd().paths());
    Set<String> unknown = new TreeSet<>();
    Matcher m = DOCUMENTED_PATH.matcher(DocFiles.read(DOC));
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    assertThat(unknown).as("paths named in " + DOC + " that are not fields of the CRD's spec").isEmpty();
  }
}
