package dev.microservice.operator.desired;

import dev.microservice.model.EndpointsSpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.contract.RuntimeContract;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The runtime pod's volumes and mounts (at {@link RuntimeContract}'s paths): config, endpoint jars, a writable /tmp, and referenced Secrets. */
public final class RuntimeVolumes {
  /** Where the init container copies the jars to. */
  static final String ENDPOINTS_COPY_PATH = "/work/endpoints";

  private RuntimeVolumes() {}

  static List<Volume> volumes(MicroService ms) {
    EndpointsSpec endpoints = ms.getSpec().getEndpoints();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("config").withNewConfigMap().withName(RuntimeConfigMap.name(ms))
        .endConfigMap().build());
    if (endpoints.getDelivery() == EndpointsSpec.Delivery.IMAGE_VOLUME) {
      volumes.add(new VolumeBuilder().withName("endpoints").withNewImage().withReference(endpoints.getImage())
          .withPullPolicy(endpoints.getImagePullPolicy() == null ? null : endpoints.getImagePullPolicy().name())
          .endImage().build());
    } else {
      volumes.add(new VolumeBuilder().withName("endpoints").withNewEmptyDir().endEmptyDir().build());
    }
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    for (String secret : secretNames(ms)) {
      volumes.add(new VolumeBuilder().withName(volumeName(secret)).withNewSecret().withSecretName(secret)
          .withDefaultMode(0440).endSecret().build());
    }
    return volumes;
  }

  static VolumeMount endpointsCopyMount() {
    return mount("endpoints", ENDPOINTS_COPY_PATH, false);
  }

  static List<VolumeMount> runtimeMounts(MicroService ms, boolean initContainer) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("config", RuntimeContract.CONFIG_DIR, true));
    mounts.add(mount("endpoints", initContainer ? RuntimeContract.ENDPOINTS_DIR : RuntimeContract.ENDPOINT_IMAGE_DIR, true));
    mounts.add(mount("tmp", "/tmp", false));
    for (String secret : secretNames(ms)) {
      mounts.add(mount(volumeName(secret), SecretRefs.MOUNT_ROOT + "/" + secret, true));
    }
    return mounts;
  }

  private static TreeSet<String> secretNames(MicroService ms) {
    TreeSet<String> names = new TreeSet<>();
    SecretRefs.of(ms.getSpec()).forEach(f -> names.add(f.source().getSecretKeyRef().getName()));
    return names;
  }

  /** Volume names are DNS labels of at most 63 characters. */
  static String volumeName(String secret) {
    String name = "secret-" + secret.replace('.', '-');
    if (name.length() <= 63) {
      return name;
    }
    return name.substring(0, 54) + "-" + Integer.toHexString(secret.hashCode() & 0xfffffff);
  }

  private static VolumeMount mount(String name, String path, boolean readOnly) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly ? Boolean.TRUE : null).build();
  }
}
