package dev.microservice.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the image tarballs that this module's build made with the images profile (Jib) on the local
 * Debian base (base/build-base.sh), then runs them with runc the way the operator's pod template
 * does: as 65532 on a read-only root with a tmpfs /tmp, the hello image copying its jars as the init
 * container, the runtime starting on them.
 */
class ImagesIT {
  static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
  static final String VERSION = System.getProperty("project.version");
  static final Path WORK = ROOT.resolve("images/target/it");
  static final String USER = "65532:65532";

  static OciImage runtime;
  static OciImage operator;
  static OciImage hello;
  static Runc runc;
  static final Map<String, Path> ROOTFS = new HashMap<>();

  @BeforeAll
  static void open() throws Exception {
    runtime = OciImage.open(ROOT.resolve("runtime-image/target/jib/runtime-image.tar"), WORK.resolve("oci/runtime"));
    operator = OciImage.open(ROOT.resolve("operator/target/jib/operator-image.tar"), WORK.resolve("oci/operator"));
    hello = OciImage.open(ROOT.resolve("examples/hello/target/jib/hello-endpoint-image.tar"), WORK.resolve("oci/hello"));
    runc = new Runc(WORK.resolve("runc"));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (runc != null) {
      runc.close();
    }
    Shell.deleteTree(WORK.resolve("rootfs"));
    Shell.deleteTree(WORK.resolve("layers"));
    Shell.deleteTree(WORK.resolve("oci"));
  }

  @Test
  void imagesHaveTheNamesTheChartAndTheExampleUse() {
    assertThat(runtime.name()).isEqualTo("ghcr.io/microservice-operator/runtime:" + VERSION);
    assertThat(operator.name()).isEqualTo("ghcr.io/microservice-operator/operator:" + VERSION);
    assertThat(hello.name()).isEqualTo("ghcr.io/microservice-operator/hello-endpoint:0.1.0-SNAPSHOT");
  }

  @Test
  void imagesShareTheDebianJreBaseLayer() {
    String base = runtime.layers().get(0);
    assertThat(operator.layers().get(0)).isEqualTo(base);
    assertThat(hello.layers().get(0)).isEqualTo(base);
    for (OciImage image : List.of(runtime, operator, hello)) {
      assertThat(image.config().get("os").asText()).isEqualTo("linux");
      assertThat(image.config().get("architecture").asText()).isEqualTo("amd64");
      assertThat(image.container().get("Labels").get("dev.microservice.base.jre").asText()).startsWith("openjdk-21-jre-headless 21.");
      assertThat(image.container().get("User").asText()).isEqualTo(USER);
    }
  }

  @Test
  void runtimeImageRunsTheRuntime() {
    assertThat(runtime.entrypoint()).containsExactly("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
        "-cp", "@/app/jib-classpath-file", "dev.microservice.runtime.Main");
    assertThat(runtime.cmd()).containsExactly("--manifest", "/etc/microservice/microservice.yaml", "--endpoints", "/endpoints");
    assertThat(runtime.container().get("ExposedPorts").has("8081/tcp")).isTrue();
  }

  @Test
  void operatorImageRunsTheOperator() {
    assertThat(operator.entrypoint()).containsExactly("java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
        "-cp", "@/app/jib-classpath-file", "dev.microservice.operator.OperatorMain");
    assertThat(operator.container().get("ExposedPorts").has("8080/tcp")).isTrue();
  }

  @Test
  void helloImageRunsNothingItself() {
    assertThat(hello.entrypoint()).isEmpty();
    assertThat(hello.cmd()).isEmpty();
  }

  @Test
  void jreRunsAsNonRootOnAReadOnlyRoot() throws Exception {
    Runc.Container c = runc.start("java", rootfs("runtime", runtime), USER,
        List.of("sh", "-c", "id -u; java -version; touch /x || echo read-only"), runtime.env(), List.of());
    assertThat(c.waitFor(Duration.ofMinutes(2))).as(c.output()).isZero();
    assertThat(c.output()).startsWith("65532\n").contains("openjdk version \"21.").contains("read-only");
  }

  @Test
  void podCopiesTheHelloEndpointAndStartsTheRuntimeOnIt() throws Exception {
    Path pod = WORK.resolve("pod");
    Shell.deleteTree(pod);
    Path endpoints = Files.createDirectories(pod.resolve("endpoints"));
    Files.setAttribute(endpoints, "unix:uid", 65532);
    Files.setAttribute(endpoints, "unix:gid", 65532);
    Path config = Files.createDirectories(pod.resolve("config"));
    Files.writeString(config.resolve("microservice.yaml"), """
        apiVersion: microservice.dev/v1alpha1
        kind: MicroService
        metadata:
          name: greeter
        spec:
          servers:
            - name: rpc
              grpc:
                port: 9090
              namespaces:
                - name: greeter
                  services:
                    - name: hello
                      endpoint: hello
          config:
            greeting: Hello
        """);

    // The init container, with the command the operator renders.
    Runc.Container init = runc.start("init", rootfs("hello", hello), USER,
        List.of("sh", "-c", "cp -R /endpoints/. /work/endpoints/"), hello.env(),
        List.of(new Runc.Bind(endpoints, "/work/endpoints", false)));
    assertThat(init.waitFor(Duration.ofMinutes(1))).as(init.output()).isZero();
    assertThat(endpoints.resolve("hello-endpoint.jar")).hasSameBinaryContentAs(ROOT.resolve("examples/hello/target/hello-endpoint.jar"));

    // The runtime container: the image's entrypoint with the operator's args.
    List<String> args = new ArrayList<>(runtime.entrypoint());
    args.addAll(List.of("--manifest", "/etc/microservice/microservice.yaml", "--endpoints", "/endpoints", "--management-port", "8081"));
    Runc.Container rt = runc.start("runtime", rootfs("runtime", runtime), USER, args, runtime.env(),
        List.of(new Runc.Bind(config, "/etc/microservice", true), new Runc.Bind(endpoints, "/endpoints", true)));
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!rt.output().contains("MicroService 'greeter' started") && rt.runc().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(rt.output()).as("runtime log").contains("MicroService 'greeter' started");
    // The readiness probe, from inside the pod's network namespace (bash's /dev/tcp: the image has no curl).
    String probe = "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3";
    String status = "";
    while (!status.contains(" 200") && System.nanoTime() < deadline) {
      try {
        status = runc.exec(rt, USER, "timeout", "5", "bash", "-c", probe);
      } catch (IOException notYet) {
        status = notYet.getMessage();
      }
      Thread.sleep(200);
    }
    assertThat(status).as("GET /readyz").contains(" 200");
    runc.kill(rt, "TERM");
    assertThat(rt.waitFor(Duration.ofMinutes(1))).as(rt.output()).isZero();
    assertThat(rt.output()).contains("Stopped");
  }

  @Test
  void operatorStartsAndNamesWhatIsMissing() throws Exception {
    Runc.Container c = runc.start("operator", rootfs("operator", operator), USER, operator.entrypoint(), operator.env(), List.of());
    assertThat(c.waitFor(Duration.ofMinutes(2))).isNotZero();
    assertThat(c.output()).contains("RUNTIME_IMAGE is not set");
  }

  private static synchronized Path rootfs(String name, OciImage image) throws IOException, InterruptedException {
    if (!ROOTFS.containsKey(name)) {
      ROOTFS.put(name, image.rootfs(WORK.resolve("rootfs").resolve(name), WORK.resolve("layers")));
    }
    return ROOTFS.get(name);
  }
}
