package dev.microservice.localcluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** A cgroup of the node's own in every mounted hierarchy: the kubelet's cgroupRoot, so every pod lands under it. */
final class CgroupRoot implements AutoCloseable {
  private final String name;
  private final List<Path> dirs;

  private CgroupRoot(String name, List<Path> dirs) {
    this.name = name;
    this.dirs = dirs;
  }

  /**
   * Creates {@code /<name>} in every cgroup hierarchy (the kubelet refuses a cgroupRoot missing in one); on cgroup v1,
   * its cpuset gets the parent's CPUs and memory nodes, which a new cpuset cgroup lacks.
   *
   * @param name a single path element
   * @return the created cgroups
   */
  static CgroupRoot create(String name) {
    List<Path> dirs = new ArrayList<>();
    for (Path hierarchy : hierarchies()) {
      Path dir = hierarchy.resolve(name);
      try {
        Files.createDirectories(dir);
        dirs.add(dir);
        if (Files.exists(dir.resolve("cpuset.cpus"))) {
          Files.writeString(dir.resolve("cpuset.cpus"), KernelSettings.read(hierarchy.resolve("cpuset.cpus")));
          Files.writeString(dir.resolve("cpuset.mems"), KernelSettings.read(hierarchy.resolve("cpuset.mems")));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the cgroup " + dir, e);
      }
    }
    return new CgroupRoot(name, dirs);
  }

  /** @return the cgroup's path as the kubelet's cgroupRoot takes it, e.g. {@code /local-cluster-node} */
  String path() {
    return "/" + name;
  }

  /** @return the processes in this cgroup or below, in any hierarchy */
  Set<Long> pids() {
    Set<Long> pids = new LinkedHashSet<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path procs : files.filter(f -> f.getFileName().toString().equals("cgroup.procs")).toList()) {
          for (String line : Files.readAllLines(procs)) {
            if (!line.isBlank()) {
              pids.add(Long.parseLong(line.strip()));
            }
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // a cgroup removed meanwhile
      }
    }
    return pids;
  }

  /** Sends SIGKILL to every process in the cgroup, by its id. */
  void killAll() {
    for (long pid : pids()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Kills what is left in it and removes the cgroups, deepest first. */
  @Override
  public void close() {
    for (int attempt = 0; attempt < 50; attempt++) {
      killAll();
      if (removeAll()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("cannot remove the cgroups " + dirs + ": processes left " + pids());
  }

  /** @return true if every cgroup was removed */
  private boolean removeAll() {
    boolean all = true;
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> cgroups;
      try (Stream<Path> tree = Files.walk(dir)) {
        cgroups = tree.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
      } catch (IOException | UncheckedIOException e) {
        all = false;
        continue;
      }
      for (Path cgroup : cgroups) {
        try {
          Files.deleteIfExists(cgroup); // rmdir: a cgroup's files go with it
        } catch (IOException e) {
          all = false;
        }
      }
    }
    return all;
  }

  /** @return the mount points of the cgroup hierarchies (v1 controllers, and the v2 one) */
  private static List<Path> hierarchies() {
    List<Path> result = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] halves = line.split(" - ", 2);
        String[] fields = halves[0].split(" ");
        String type = halves[1].split(" ")[0];
        if (type.equals("cgroup") || type.equals("cgroup2")) {
          result.add(Path.of(Mounts.unescape(fields[4])));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }
}
