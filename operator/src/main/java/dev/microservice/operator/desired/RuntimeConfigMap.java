package dev.microservice.operator.desired;

import dev.microservice.model.Manifest;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/**
 * The ConfigMap holding the runtime's manifest: the MicroService in the format the runtime's
 * {@code --manifest} reads, without what only Kubernetes uses (replicas, images, pod settings),
 * and with Secret references turned into the files the Deployment mounts.
 */
public final class RuntimeConfigMap {
  /** The manifest's key in the ConfigMap, and its file name in the pod. */
  public static final String KEY = "microservice.yaml";

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

  /** @return the runtime manifest YAML of a MicroService */
  public static String manifest(MicroService ms) {
    Manifest copy = ManifestParser.parse(ManifestParser.toYaml(ms.toManifest()), "MicroService " + ms.getMetadata().getName());
    MicroServiceSpec spec = copy.getSpec();
    spec.setReplicas(null);
    spec.setEndpoints(null);
    spec.setRuntimeImage(null);
    spec.setEnv(null);
    spec.setResources(null);
    spec.setPod(null);
    for (SecretRefs.Found found : SecretRefs.of(spec)) {
      found.source().setFile(SecretRefs.mountedFile(found.source().getSecretKeyRef().getName(), found.source().getSecretKeyRef().getKey()));
      found.source().setSecretKeyRef(null);
    }
    return ManifestParser.toYaml(copy);
  }
}
