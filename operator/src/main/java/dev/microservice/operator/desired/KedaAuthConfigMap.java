package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/**
 * The SASL username for KEDA's TriggerAuthentication: the kafka scaler reads the username from its authentication
 * parameters only, and a TriggerAuthentication takes parameters from Secrets and ConfigMaps, not literals. The
 * username is in the manifest already; it is no secret.
 */
public final class KedaAuthConfigMap {
  /** The key holding the username. */
  public static final String USERNAME = "username";

  private KedaAuthConfigMap() {}

  /** @return the ConfigMap's name for a MicroService */
  public static String name(MicroService ms) {
    return ms.getMetadata().getName() + "-keda";
  }

  /** @return the desired ConfigMap (KedaAuth must have a username) */
  public static ConfigMap of(MicroService ms, KedaAuth auth) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(ms))
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withData(Map.of(USERNAME, auth.username()))
        .build();
  }
}
