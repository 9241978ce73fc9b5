package dev.microservice.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.KafkaSecuritySpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.SaslSpec;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretValueSpec;
import dev.microservice.operator.TestResources;
import dev.microservice.operator.status.Reason;
import org.junit.jupiter.api.Test;

/** SpecChecks with and without the Secret lookups. */
class SpecChecksWithoutSecretsTest {
  static MicroService withSecretRef() {
    MicroService ms = TestResources.hello();
    SaslSpec sasl = new SaslSpec();
    sasl.setUsername("greeter");
    SecretValueSpec password = new SecretValueSpec();
    password.setSecretKeyRef(new SecretKeyRef("kafka-user", "password"));
    sasl.setPassword(password);
    KafkaSecuritySpec security = new KafkaSecuritySpec();
    security.setProtocol(KafkaSecuritySpec.Protocol.SASL_PLAINTEXT);
    security.setSasl(sasl);
    ms.getSpec().getServers().get(1).getKafka().setSecurity(security);
    return ms;
  }

  @Test
  void withSecretChecksAMissingSecretIsAProblem() {
    assertThat(SpecChecks.check(withSecretRef(), name -> null).reason()).isEqualTo(Reason.SecretNotFound);
  }

  @Test
  void withoutSecretChecksAMissingSecretIsNotLookedUp() {
    assertThat(SpecChecks.checkWithoutSecrets(withSecretRef())).isNull();
  }

  @Test
  void withoutSecretChecksAnInvalidSpecIsStillRefused() {
    MicroService ms = withSecretRef();
    ms.getSpec().getEndpoints().setImage("");
    assertThat(SpecChecks.checkWithoutSecrets(ms).reason()).isEqualTo(Reason.InvalidSpec);
  }
}
