package dev.microservice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
  @Test
  void readsTheEnvironment() {
    OperatorSettings s = OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "img:1", "WATCH_NAMESPACES", "a, b,,c",
        "POD_NAMESPACE", "operators", "POD_NAME", "op-1", "MANAGEMENT_PORT", "9000"));
    assertThat(s).isEqualTo(new OperatorSettings("img:1", Set.of("a", "b", "c"), "operators", "op-1", 9000));
  }

  @Test
  void leaseNameComesFromTheEnvironmentWithTheOldDefault() {
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "POD_NAMESPACE", "x", "LEASE_NAME", "mso-microservice-operator-leader"))
        .leaseName()).isEqualTo("mso-microservice-operator-leader");
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i")).leaseName()).isEqualTo("microservice-operator-leader");
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "LEASE_NAME", " ")).leaseName()).isEqualTo(OperatorSettings.LEASE_NAME);
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "LEASE_NAME", "Not_A_Name")))
        .hasMessageStartingWith("LEASE_NAME must be a Kubernetes object name").hasMessageContaining("'Not_A_Name'");
  }

  @Test
  void secretChecksAreOnUnlessTurnedOff() {
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i")).secretChecks()).isTrue();
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "SECRET_CHECKS", "true")).secretChecks()).isTrue();
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "SECRET_CHECKS", "false")).secretChecks()).isFalse();
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "SECRET_CHECKS", "FALSE")).secretChecks()).isFalse();
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "SECRET_CHECKS", "no")))
        .hasMessage("SECRET_CHECKS must be true or false, got 'no'");
  }

  @Test
  void defaultsWatchAllNamespacesAndLeaderElectionNeedsAPodNamespace() {
    OperatorSettings s = OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "img:1"));
    assertThat(s.watchNamespaces()).isEmpty();
    assertThat(s.leaseNamespace()).isNull();
    assertThat(s.managementPort()).isEqualTo(8080);
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "POD_NAMESPACE", "x", "LEADER_ELECTION", "false")).leaseNamespace()).isNull();
  }

  @Test
  void namesWhatIsWrong() {
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of())).hasMessageStartingWith("RUNTIME_IMAGE is not set");
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "MANAGEMENT_PORT", "x")))
        .hasMessage("MANAGEMENT_PORT must be a number, got 'x'");
  }

  @Test
  void lagStatusIntervalDefaultsTo30sAndZeroTurnsItOff() {
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i")).lagStatusInterval()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "LAG_STATUS_INTERVAL", "0")).lagStatusInterval()).isZero();
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "LAG_STATUS_INTERVAL", "2m")).lagStatusInterval())
        .isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "LAG_STATUS_INTERVAL", "500ms")).lagStatusInterval())
        .isEqualTo(java.time.Duration.ofMillis(500));
    assertThatThrownBy(() -> OperatorSettings.fromEnv(Map.of("RUNTIME_IMAGE", "i", "LAG_STATUS_INTERVAL", "30")))
        .hasMessage("LAG_STATUS_INTERVAL must be a duration such as 500ms, 30s or 2m (0 for off), got '30'");
  }
}
