package dev.microservice.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractTest {
  @Test
  void theArgumentsPairEachFlagWithItsValue() {
    assertThat(RuntimeContract.args("/m.yaml", "/jars", 9000))
        .containsExactly("--manifest", "/m.yaml", "--endpoints", "/jars", "--management-port", "9000");
  }

  @Test
  void theManifestPathIsTheConfigMapKeyInTheConfigDirectory() {
    assertThat(RuntimeContract.MANIFEST_PATH).isEqualTo("/etc/microservice/microservice.yaml");
  }

  @Test
  void noTwoHeadersShareAName() throws IllegalAccessException {
    List<String> names = strings(KafkaHeaderNames.class);
    assertThat(names).hasSize(11).doesNotHaveDuplicates();
    assertThat(names).allMatch(n -> n.matches("[a-z]+(-[a-z]+)*"), "lower-case words joined by hyphens");
  }

  @Test
  void noTwoFlagsOrEnvironmentVariablesShareAName() throws IllegalAccessException {
    List<String> flags = strings(RuntimeContract.class).stream().filter(s -> s.startsWith("--")).toList();
    assertThat(flags).hasSize(3).doesNotHaveDuplicates();
    assertThat(List.of(RuntimeContract.POD_NAME_ENV, RuntimeContract.POD_NAMESPACE_ENV)).doesNotHaveDuplicates();
  }

  private static List<String> strings(Class<?> type) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        values.add((String) f.get(null));
      }
    }
    return values;
  }
}
