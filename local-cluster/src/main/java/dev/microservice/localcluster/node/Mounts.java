package dev.microservice.localcluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The mounts under a directory (from /proc/self/mountinfo), and their lazy unmounting, deepest first. */
public final class Mounts {
  private Mounts() {}

  /**
   * @param dir a directory
   * @return the mount points at or below it
   */
  public static List<Path> under(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    List<Path> result = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        Path point = Path.of(unescape(line.split(" ")[4]));
        if (point.startsWith(root)) {
          result.add(point);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  /**
   * Unmounts everything at or below the directory ({@code umount -l}, deepest first, repeated for stacked mounts).
   *
   * @param dir a directory
   * @return the mount points still there afterwards (none if all went well)
   */
  public static List<Path> unmountAll(Path dir) {
    for (int round = 0; round < 5; round++) {
      List<Path> points = under(dir);
      if (points.isEmpty()) {
        return points;
      }
      points.stream().sorted(Comparator.comparingInt(Path::getNameCount).reversed()).distinct()
          .forEach(p -> HostCommand.quietly("umount", "-l", p.toString()));
    }
    return under(dir);
  }

  /** Decodes mountinfo's octal escapes (a space is \040). */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && Character.isDigit(field.charAt(i + 1))) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
