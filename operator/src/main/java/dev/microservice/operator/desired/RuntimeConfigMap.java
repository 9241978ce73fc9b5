package dev.microservice.operator.desired;

import dev.microservice.model.Manifest;
import dev.microservice.model.MicroService;
import dev.microservice.model.RuntimeManifest;
import dev.microservice.model.SecretKeyRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/**
 * The ConfigMap holding the runtime's manifest: the MicroService's {@link RuntimeManifest} (without what only
 * Kubernetes uses), in the format the runtime's {@code --manifest} reads, with Secret references turned into the
 * files the Deployment mounts.
 */
public final class RuntimeConfigMap {
  /** The manifest's key in the ConfigMap, and its file name in the pod. */
  public static final String KEY = dev.microservice.model.contract.RuntimeContract.MANIFEST_FILE;

  private RuntimeConfigMap() {}

  /** @return the ConfigMap's name for a MicroService */
  public static String name(MicroService ms) {
    return ms.getMetadata().getName() + "-runtime";
  }

  /** @return the desired ConfigMap */
  public static ConfigMap of(MicroService ms) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(ms))
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.of(ms))
        .endMetadata()
        .withData(Map.of(KEY, manifest(ms)))
        .build();
  }

  /**
   * The runtime manifest YAML of a MicroService, its Secret references turned into mounted files. A render of the
   * (checked) MicroService: nothing is parsed or validated again.
   *
   * @param ms the MicroService, already checked
   * @return the YAML the ConfigMap carries
   */
  public static String manifest(MicroService ms) {
    Manifest runtime = RuntimeManifest.of(ms);
    for (SecretRefs.Found found : SecretRefs.of(runtime.getSpec())) {
      SecretKeyRef ref = found.source().getSecretKeyRef();
      found.source().setFile(SecretRefs.mountedFile(ref.getName(), ref.getKey()));
      found.source().setSecretKeyRef(null);
    }
    return RuntimeManifest.toYaml(runtime);
  }
}
