package dev.microservice.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
