package dev.microservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.docs.CommandBlock.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every command block's markers are well-formed, and every {@code run by:} names an existing test class. */
class DocsMarkersTest {
  @Test
  void everyMarkerIsWellFormed() {
    List<String> problems = new ArrayList<>();
    for (String file : DocFiles.all()) {
      try {
        DocFiles.commandBlocks(file);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    assertThat(problems).as("malformed markers").isEmpty();
  }

  @Test
  void everyRunByNamesATestClassOfTheRepository() {
    Set<String> classes = TestClasses.under(DocFiles.root());
    List<String> dangling = new ArrayList<>();
    for (String file : DocFiles.all()) {
      for (CommandBlock b : DocFiles.commandBlocks(file)) {
        if (b.mode() == Mode.RUN_BY && !classes.contains(b.argument())) {
          dangling.add(b.where() + ": <!-- run by: " + b.argument() + " --> but no " + b.argument()
              + ".java is under any src/test/java");
        }
      }
    }
    assertThat(dangling).as("run-by markers naming no test class").isEmpty();
  }
}
