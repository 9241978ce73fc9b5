package dev.microservice.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microservice.model.contract.RuntimeContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuntimeOptionsTest {
  @Test
  void parsesBothStyles() {
    RuntimeOptions o = RuntimeOptions.parse("--manifest", "m.yaml", "--endpoints=/endpoints", "--management-port", "9000");
    assertThat(o).isEqualTo(new RuntimeOptions(Path.of("m.yaml"), Path.of("/endpoints"), 9000));
    assertThat(RuntimeOptions.parse("--manifest=m", "--endpoints", "e").managementPort()).isEqualTo(8081);
  }

  @Test
  void namesWhatIsWrong() {
    assertThatThrownBy(() -> RuntimeOptions.parse("--endpoints", "e")).hasMessage("--manifest is required");
    assertThatThrownBy(() -> RuntimeOptions.parse("--manifest", "m")).hasMessage("--endpoints is required");
    assertThatThrownBy(() -> RuntimeOptions.parse("--manifest")).hasMessage("--manifest needs a value");
    assertThatThrownBy(() -> RuntimeOptions.parse("-x")).hasMessage("unknown argument '-x'");
    assertThatThrownBy(() -> RuntimeOptions.parse("--manifest=m", "--endpoints=e", "--management-port=http"))
        .hasMessage("--management-port must be a number, got 'http'");
    assertThatThrownBy(() -> RuntimeOptions.parse("--manifest=m", "--endpoints=e", "--management-port=70000"))
        .hasMessage("--management-port must be between 0 and 65535, got 70000");
  }

  @Test
  void parsesTheCommandLineTheOperatorWrites() {
    String[] args = RuntimeContract.args(RuntimeContract.MANIFEST_PATH, "/endpoint-image/endpoints", 9000).toArray(String[]::new);
    assertThat(RuntimeOptions.parse(args))
        .isEqualTo(new RuntimeOptions(Path.of("/etc/microservice/microservice.yaml"), Path.of("/endpoint-image/endpoints"), 9000));
    assertThat(RuntimeOptions.DEFAULT_MANAGEMENT_PORT).isEqualTo(RuntimeContract.MANAGEMENT_PORT);
    assertThat(RuntimeOptions.USAGE).contains(RuntimeContract.MANIFEST_FLAG, RuntimeContract.ENDPOINTS_FLAG,
        RuntimeContract.MANAGEMENT_PORT_FLAG);
  }
}
