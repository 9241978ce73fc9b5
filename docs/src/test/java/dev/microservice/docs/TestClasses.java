package dev.microservice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;

/** The simple names of the test classes of the repository: every {@code *.java} under a {@code src/test/java}. */
public final class TestClasses {
  private static final Set<String> SKIPPED = Set.of(".git", "target", "node_modules", ".mvn");

  private TestClasses() {}

  /** @return the simple class names of every file under a {@code src/test/java} below the root */
  public static Set<String> under(Path root) {
    Set<String> names = new TreeSet<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return SKIPPED.contains(dir.getFileName().toString()) && !dir.equals(root)
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String name = file.getFileName().toString();
          if (name.endsWith(".java") && file.toString().replace('\\', '/').contains("/src/test/java/")) {
            names.add(name.substring(0, name.length() - ".java".length()));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
