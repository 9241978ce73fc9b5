package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The Deployment of the runtime image for a MicroService. With {@code spec.autoscaling} it has no {@code replicas}: the
 * count belongs to the autoscaler (HPA or KEDA), and the operator's writes of the Deployment never carry the field (see
 * {@code dependents.DeploymentPatch}); without, {@code replicas} is {@code spec.effectiveReplicas()}.
 */
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
    return of(ms, defaultRuntimeImage, configMap, null);
  }

  /**
   * @param ms the MicroService (valid)
   * @param defaultRuntimeImage the runtime image when the spec names none
   * @param configMap its runtime ConfigMap, already rendered ({@link RuntimeConfigMap#of}), whose hash rolls the pods
   * @param secretsHash the {@link SecretsHash} of the Secrets it references, which rolls the pods when they change; null
   *     when the operator does not read Secrets
   * @return the desired Deployment
   */
  public static Deployment of(MicroService ms, String defaultRuntimeImage, ConfigMap configMap, String secretsHash) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas(ms))
        .withNewSelector().withMatchLabels(Labels.selector(ms)).endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
        .endStrategy()
        .withTemplate(RuntimePodTemplate.of(ms, defaultRuntimeImage, ConfigHash.of(configMap), secretsHash))
        .endSpec()
        .build();
  }

  /** @return the replicas the Deployment asks for, or null when an autoscaler sets them */
  public static Integer replicas(MicroService ms) {
    return ms.getSpec().getAutoscaling() != null ? null : ms.getSpec().effectiveReplicas();
  }
}
