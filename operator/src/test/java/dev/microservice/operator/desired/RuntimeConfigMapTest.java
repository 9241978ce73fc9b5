package dev.microservice.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.ManifestValidator;
import dev.microservice.model.MicroService;
import dev.microservice.operator.TestResources;
import org.junit.jupiter.api.Test;

/** The ConfigMap renders the checked MicroService: the reconciler validated it once, the render does not again. */
class RuntimeConfigMapTest {
  @Test
  void rendersWithoutParsingOrValidatingAgain() {
    MicroService ms = TestResources.hello();
    ms.getSpec().getServers().get(0).getGrpc().setPort(0);
    assertThat(ManifestValidator.validate(ms.toManifest())).as("the spec checks would refuse it").isNotEmpty();

    assertThat(RuntimeConfigMap.manifest(ms)).contains("port: 0");
  }
}
