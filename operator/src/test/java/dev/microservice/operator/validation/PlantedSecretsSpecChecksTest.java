package dev.microservice.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import dev.microservice.operator.PlantedSecretsCorpus;
import dev.microservice.operator.status.SpecProblem;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

/**
 * The operator's checks on every planted-secrets manifest it could be given (those that fit the
 * CRD's types; the API server refuses the others by schema): no problem, so no status condition
 * or event, repeats the secret (defect 2 of "Hostile input").
 */
class PlantedSecretsSpecChecksTest {
  @Test
  void noSpecProblemRepeatsAPlantedSecret() {
    int checked = 0;
    for (PlantedSecretsCorpus.Case c : PlantedSecretsCorpus.cases()) {
      MicroService ms = c.microService("shop");
      if (ms == null) {
        continue;
      }
      for (boolean secretsExist : new boolean[] {false, true}) {
        SpecProblem problem = SpecChecks.check(ms, name -> secretsExist ? secret(name) : null);
        if (problem != null) {
          assertThat(problem.message()).as(c.name()).doesNotContain(PlantedSecretsCorpus.CORE).doesNotContain("Xq7");
        }
      }
      checked++;
    }
    assertThat(checked).as("cases that fit the CRD's types").isGreaterThan(50);
  }

  @Test
  void aSpecTooLargeForTheRuntimesConfigMapIsInvalid() {
    MicroService ms = PlantedSecretsCorpus.cases().stream().filter(c -> c.name().equals("password/file")).findFirst().orElseThrow()
        .microService("shop");
    ms.getSpec().getServers().get(0).getKafka().getSecurity().getSasl().getPassword().setFile("/run/password");
    ms.getSpec().getConfig().put("big", "x".repeat(2 * 1024 * 1024));
    SpecProblem problem = SpecChecks.check(ms, name -> null);
    assertThat(problem.message()).startsWith("spec: is ").contains("bytes as a manifest; the limit is 1 MiB (1048576 bytes)");
  }

  static Secret secret(String name) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().addToStringData("password", "x").build();
  }
}
