package dev.microservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microservice.operator.status.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/operator.md names every condition reason and shows the CRD's printer columns in the CRD's order. */
class OperatorDocTest {
  private static final String DOC = "docs/operator.md";
  /** The header line of the {@code kubectl get msvc} example: NAME and the columns. */
  private static final Pattern GET_HEADER = Pattern.compile("(?m)^\\$ kubectl get msvc\\s*\\n(NAME(?: +[A-Z][A-Z-]*)+) *$");

  @Test
  void everyReasonIsDocumented() {
    String doc = DocFiles.read(DOC);
    List<String> missing = Arrays.stream(Reason.values()).map(Enum::name)
        .filter(r -> !doc.contains("`" + r + "`"))
        .toList();
    assertThat(missing).as("Reason constants not named (in backticks) in " + DOC).isEmpty();
  }

  @Test
  void theDocumentedColumnsAreTheCrdsInTheCrdsOrder() {
    Matcher m = GET_HEADER.matcher(DocFiles.read(DOC));
    assertThat(m.find()).as(DOC + " shows `$ kubectl get msvc` followed by its header line (NAME ...)").isTrue();
    List<String> header = Arrays.asList(m.group(1).trim().split(" +"));
    List<String> documented = header.subList(1, header.size());
    assertThat(documented).as("columns of `kubectl get msvc` in " + DOC + " (the CRD's additionalPrinterColumns, in order)")
        .containsExactlyElementsOf(crdColumns());
  }

  /** The names of the CRD's printer columns that {@code kubectl get} shows (priority 0), in the CRD's order. */
  static List<String> crdColumns() {
    JsonNode version = Crd.read().path("spec").path("versions").get(0);
    List<String> columns = new ArrayList<>();
    for (JsonNode c : version.path("additionalPrinterColumns")) {
      if (c.path("priority").asInt(0) == 0) {
        columns.add(c.path("name").asText());
      }
    }
    return columns;
  }
}
