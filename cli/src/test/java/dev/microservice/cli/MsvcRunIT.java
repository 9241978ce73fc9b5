package dev.microservice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** msvc as users run it: java -jar msvc.jar run, then send grpc and send kafka --reply, then Ctrl-C. */
class MsvcRunIT {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  static final String JAR = System.getProperty("msvc.jar", "target/msvc.jar");

  static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        // Reset SIGINT to its default, as in a terminal, whatever the parent ignores.
        "env", "--default-signal=INT",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR));
    command.addAll(List.of(args));
    return command;
  }

  static String send(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("send"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(java(command.toArray(String[]::new))).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output.strip();
  }

  @Test
  void runSendAndStop() throws Exception {
    int grpc = RunErrorsTest.freePort();
    int kafka = RunErrorsTest.freePort();
    int management = RunErrorsTest.freePort();
    Path log = Path.of("target/it-logs/msvc-run.log");
    Files.createDirectories(log.getParent());
    Process run = new ProcessBuilder(java("run", "-f", ROOT.resolve("examples/hello/microservice.yaml").toString(),
        "--port", "rpc=" + grpc, "--kafka-port", String.valueOf(kafka), "--management-port", String.valueOf(management)))
        .redirectError(log.toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
      String banner = CompletableFuture.supplyAsync(() -> readUntilReady(out)).get(90, TimeUnit.SECONDS);
      assertThat(banner).as(Files.readString(log)).contains("greeter is ready").contains("localhost:" + grpc)
          .contains("localhost:" + kafka + " (embedded)");
      System.out.println("MsvcRunIT: " + banner.lines().findFirst().orElse(""));

      assertThat(send("grpc", "--address", "localhost:" + grpc, "greeter/hello", "World")).isEqualTo("Hello, World!");
      assertThat(send("kafka", "--bootstrap", "localhost:" + kafka, "greeter/hello", "World", "--reply")).isEqualTo("Hello, World!");

      List<ProcessHandle> children = run.descendants().toList();
      new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor();
      assertThat(run.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGINT").isTrue();
      assertThat(run.exitValue()).isZero();
      assertThat(children).noneMatch(ProcessHandle::isAlive);
      assertThat(Files.readString(log)).contains("SIGINT received").contains("msvc: stopped");
    } finally {
      run.destroyForcibly();
    }
  }

  private static String readUntilReady(BufferedReader out) {
    StringBuilder seen = new StringBuilder();
    try {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        seen.append(line).append('\n');
        if (line.startsWith("Ctrl-C")) {
          return seen.toString();
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return seen.toString();
  }
}
