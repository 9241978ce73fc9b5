package dev.microservice.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs containers with runc as a restricted pod would: the image's user, a read-only root, no
 * capabilities, no new privileges, a memory limit, a tmpfs /tmp, and a network namespace with only
 * loopback. Its state root and bundles live under one directory; {@link #close()} removes every
 * container it started.
 */
final class Runc implements AutoCloseable {
  private final Path dir;
  private final List<Container> started = new ArrayList<>();

  Runc(Path dir) {
    this.dir = dir;
  }

  /** A directory of the host mounted into the container. */
  record Bind(Path source, String target, boolean readOnly) {}

  /** A container running in the foreground of {@code runc run}, its output in a file. */
  record Container(String id, Process runc, Path log) {
    String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** @return the container's exit code */
    int waitFor(Duration timeout) throws IOException, InterruptedException {
      if (!runc.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(id + " still runs after " + timeout + ":\n" + output());
      }
      return runc.exitValue();
    }
  }

  /**
   * Starts a container.
   *
   * @param name a short name, unique among this instance's containers
   * @param user the image's User, "uid:gid"
   */
  Container start(String name, Path rootfs, String user, List<String> args, List<String> env, List<Bind> binds)
      throws IOException, InterruptedException {
    String id = "msvc-images-it-" + name + "-" + ProcessHandle.current().pid();
    Path bundle = dir.resolve("bundles").resolve(name);
    Shell.deleteTree(bundle);
    Files.createDirectories(bundle);
    Shell.run("runc", "spec", "--bundle", bundle.toString());
    Path configFile = bundle.resolve("config.json");
    ObjectNode spec = (ObjectNode) OciImage.JSON.readTree(configFile.toFile());
    ObjectNode process = (ObjectNode) spec.get("process");
    process.put("terminal", false);
    String[] ids = user.split(":");
    process.putObject("user").put("uid", Integer.parseInt(ids[0])).put("gid", Integer.parseInt(ids[1]));
    process.set("args", OciImage.JSON.valueToTree(args));
    process.set("env", OciImage.JSON.valueToTree(env));
    ObjectNode caps = process.putObject("capabilities");
    List.of("bounding", "effective", "permitted", "ambient").forEach(caps::putArray);
    spec.putObject("root").put("path", rootfs.toString()).put("readonly", true);
    spec.put("hostname", name);
    ArrayNode mounts = (ArrayNode) spec.get("mounts");
    mounts.addObject().put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs")
        .set("options", OciImage.JSON.valueToTree(List.of("nosuid", "nodev", "mode=1777", "size=64m")));
    for (Bind b : binds) {
      mounts.addObject().put("destination", b.target()).put("type", "bind").put("source", b.source().toString())
          .set("options", OciImage.JSON.valueToTree(List.of("rbind", b.readOnly() ? "ro" : "rw")));
    }
    ((ObjectNode) spec.get("linux").get("resources")).putObject("memory").put("limit", 512L << 20);
    OciImage.JSON.writeValue(configFile.toFile(), spec);

    Path log = bundle.resolve("output.log");
    Process runc = new ProcessBuilder("runc", "--root", dir.resolve("state").toString(), "run", "--bundle",
        bundle.toString(), id)
        .redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    Container container = new Container(id, runc, log);
    started.add(container);
    return container;
  }

  /** Runs a command in a running container as a user; fails unless it exits 0. */
  String exec(Container c, String user, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("runc", "--root", dir.resolve("state").toString(), "exec", "--user", user, c.id()));
    command.addAll(List.of(args));
    return Shell.run(command.toArray(String[]::new));
  }

  /** Sends a signal to a container's process. */
  void kill(Container c, String signal) throws IOException, InterruptedException {
    Shell.run("runc", "--root", dir.resolve("state").toString(), "kill", c.id(), signal);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (Container c : started) {
      if (c.runc().isAlive()) {
        new ProcessBuilder("runc", "--root", dir.resolve("state").toString(), "delete", "--force", c.id())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        c.runc().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    Shell.deleteTree(dir.resolve("state"));
  }
}
