package dev.microservice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository root and its user documentation: README.md and docs/*.md. */
public final class DocFiles {
  private DocFiles() {}

  /** @return the repository root, from the system property {@code project.root} (set by the docs module's pom) */
  public static Path root() {
    String root = System.getProperty("project.root");
    if (root == null) {
      throw new IllegalStateException("the system property project.root is not set; run the tests through Maven");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  /** @return README.md and every docs/*.md, relative to the root, sorted */
  public static List<String> all() {
    List<String> files = new ArrayList<>();
    files.add("README.md");
    try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
      docs.filter(p -> p.getFileName().toString().endsWith(".md"))
          .map(p -> "docs/" + p.getFileName())
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** @return the text of a file given relative to the root */
  public static String read(String file) {
    try {
      return Files.readString(root().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the command blocks of a file given relative to the root */
  public static List<CommandBlock> commandBlocks(String file) {
    return CommandBlocks.parse(file, read(file));
  }
}
