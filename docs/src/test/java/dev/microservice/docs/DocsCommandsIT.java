package dev.microservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.docs.CommandBlock.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the command blocks of README.md and docs/*.md as their markers say (see {@link CommandBlocks}), one test per
 * file, and prints how many ran, how many other tests run, and which are not run and why.
 *
 * <p>{@code -Ddocs.files=docs/cli.md,README.md} restricts it to some files.
 */
class DocsCommandsIT {
  private static final Summary SUMMARY = new Summary();

  @BeforeAll
  static void buildMsvc() throws Exception {
    // ./msvc builds itself on first use; do it here, so that no block's timeout pays for it.
    Process p = new ProcessBuilder("./msvc", "--version").directory(DocFiles.root().toFile()).inheritIO().start();
    assertThat(p.waitFor(15, java.util.concurrent.TimeUnit.MINUTES)).as("./msvc --version finishes").isTrue();
    assertThat(p.exitValue()).as("./msvc --version (which builds msvc when needed) exits 0").isZero();
  }

  @TestFactory
  Stream<DynamicTest> everyCommandBlockDoesWhatItsMarkerSays() {
    String only = System.getProperty("docs.files", "");
    List<String> requested = only.isBlank() ? List.of() : Arrays.stream(only.split(",")).map(String::strip).toList();
    List<String> files = requested.isEmpty() ? DocFiles.all() : requested;
    Set<String> testClasses = TestClasses.under(DocFiles.root());
    return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
      List<CommandBlock> blocks = DocFiles.commandBlocks(file);
      runFile(file, blocks, testClasses);
    }));
  }

  private static void runFile(String file, List<CommandBlock> blocks, Set<String> testClasses) throws Exception {
    Path logs = DocFiles.root().resolve("docs/target/docs-commands").resolve(file.replace('/', '_'));
    List<String> failures = new ArrayList<>();
    try (BlockRunner runner = new BlockRunner(DocFiles.root(), logs, testClasses)) {
      for (CommandBlock b : blocks) {
        if (!failures.isEmpty() && BlockRunner.executes(b.mode())) {
          SUMMARY.skippedAfterFailure(b);
          continue;
        }
        System.out.println("[docs] " + b.where() + " " + b.mode() + (b.argument().isEmpty() ? "" : " (" + b.argument() + ")"));
        String failure = runner.run(b);
        SUMMARY.add(b, failure);
        if (failure != null) {
          failures.add(b.where() + ": " + failure);
        }
      }
    }
    assertThat(failures).as("command blocks of " + file + " that failed").isEmpty();
  }

  @AfterAll
  static void printSummary() {
    System.out.println(SUMMARY.render());
  }

  /** What happened to each block, for the report printed at the end. */
  private static final class Summary {
    private final List<CommandBlock> run = new ArrayList<>();
    private final List<CommandBlock> runBy = new ArrayList<>();
    private final List<CommandBlock> notRun = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final List<CommandBlock> skipped = new ArrayList<>();

    synchronized void add(CommandBlock b, String failure) {
      (b.mode() == Mode.NOT_RUN ? notRun : b.mode() == Mode.RUN_BY ? runBy : run).add(b);
      if (failure != null) {
        failed.add(b.where());
      }
    }

    synchronized void skippedAfterFailure(CommandBlock b) {
      skipped.add(b);
    }

    synchronized String render() {
      StringBuilder s = new StringBuilder("\n[docs] command blocks: ")
          .append(run.size()).append(" run (").append(run.stream().filter(b -> b.mode() == Mode.BACKGROUND).count())
          .append(" in the background), ").append(runBy.size()).append(" run by other tests, ")
          .append(notRun.size()).append(" not run");
      if (!failed.isEmpty()) {
        s.append(", ").append(failed.size()).append(" FAILED: ").append(String.join(", ", failed));
      }
      s.append('\n');
      runBy.forEach(b -> s.append("  run by ").append(b.argument()).append(": ").append(b.where()).append('\n'));
      notRun.forEach(b -> s.append("  not run: ").append(b.where()).append(": ").append(b.argument()).append('\n'));
      skipped.forEach(b -> s.append("  skipped after an earlier failure: ").append(b.where()).append('\n'));
      return s.toString();
    }
  }
}
