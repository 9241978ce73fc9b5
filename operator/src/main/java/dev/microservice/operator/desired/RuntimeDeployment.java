package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** The Deployment of the runtime image for a MicroService. */
public final class RuntimeDeployment {
  private RuntimeDeployment() {}

  /**
   * @param ms the MicroService (valid)
   * @param defaultRuntimeImage the runtime image when the spec names none
   * @return the desired Deployment
   */
  public static Deployment of(MicroService ms, String defaultRuntimeImage) {
    return of(ms, defaultRuntimeImage, RuntimeConfigMap.of(ms));
  }

  /**
   * @param ms the MicroService (valid)
   * @param defaultRuntimeImage the runtime image when the spec names none
   * @param configMap its runtime ConfigMap, already rendered ({@link RuntimeConfigMap#of}), whose hash rolls the pods
   * @return the desired Deployment
   */
  public static Deployment of(MicroService ms, String defaultRuntimeImage, ConfigMap configMap) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withNewSpec()
        .withReplicas(ms.getSpec().getReplicas())
        .withNewSelector().withMatchLabels(Labels.selector(ms)).endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
        .endStrategy()
        .withTemplate(RuntimePodTemplate.of(ms, defaultRuntimeImage, ConfigHash.of(configMap)))
        .endSpec()
        .build();
  }
}
