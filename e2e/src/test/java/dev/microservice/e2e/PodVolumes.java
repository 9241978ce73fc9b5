package dev.microservice.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Materialises a pod's volumes as host directories the way the kubelet does, reading ConfigMaps and Secrets and
 * requesting service-account tokens with the node's credentials (so the Node authorizer decides); fails on volume
 * kinds it cannot honour.
 */
final class PodVolumes {
  /** How long a missing or not yet authorized source is waited for (the kubelet would retry forever). */
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int DEFAULT_MODE = 0644;

  private final Pod pod;
  private final KubernetesClient node;
  private final Images images;
  private final String podIp;
  private final Long fsGroup;

  private PodVolumes(Pod pod, KubernetesClient node, Images images, String podIp) {
    this.pod = pod;
    this.node = node;
    this.images = images;
    this.podIp = podIp;
    this.fsGroup = pod.getSpec().getSecurityContext() == null ? null : pod.getSpec().getSecurityContext().getFsGroup();
  }

  /**
   * @param pod the pod, as the API has it
   * @param podDir the pod's state directory (volumes go to volumes/ there)
   * @param node a client with the node's credentials
   * @param images the images, for image volumes
   * @param podIp the pod's IP, for the downward API
   * @return each volume's host directory, by volume name
   */
  static Map<String, Path> prepare(Pod pod, Path podDir, KubernetesClient node, Images images, String podIp) {
    PodVolumes volumes = new PodVolumes(pod, node, images, podIp);
    Map<String, Path> dirs = new HashMap<>();
    for (Volume v : pod.getSpec().getVolumes()) {
      dirs.put(v.getName(), volumes.prepare(v, podDir.resolve("volumes").resolve(v.getName())));
    }
    return dirs;
  }

  private Path prepare(Volume v, Path dir) {
    try {
      Files.createDirectories(dir);
      if (v.getConfigMap() != null) {
        write(dir, configMap(v.getConfigMap().getName(), v.getConfigMap().getOptional()), v.getConfigMap().getItems(),
            v.getConfigMap().getDefaultMode());
      } else if (v.getSecret() != null) {
        write(dir, secret(v.getSecret().getSecretName(), v.getSecret().getOptional()), v.getSecret().getItems(),
            v.getSecret().getDefaultMode());
      } else if (v.getDownwardAPI() != null) {
        downwardApi(dir, v.getDownwardAPI().getItems(), v.getDownwardAPI().getDefaultMode());
      } else if (v.getProjected() != null) {
        for (VolumeProjection source : v.getProjected().getSources()) {
          project(dir, source, v.getProjected().getDefaultMode());
        }
      } else if (v.getEmptyDir() != null) {
        setMode(dir, 0777);
      } else if (v.getImage() != null) {
        return images.get(v.getImage().getReference()).root();
      } else {
        throw new IllegalStateException("volume " + v.getName() + ": the node agent cannot honour this kind of volume: " + v);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void project(Path dir, VolumeProjection source, Integer defaultMode) throws IOException {
    if (source.getConfigMap() != null) {
      write(dir, configMap(source.getConfigMap().getName(), source.getConfigMap().getOptional()), source.getConfigMap().getItems(),
          defaultMode);
    } else if (source.getSecret() != null) {
      write(dir, secret(source.getSecret().getName(), source.getSecret().getOptional()), source.getSecret().getItems(), defaultMode);
    } else if (source.getDownwardAPI() != null) {
      downwardApi(dir, source.getDownwardAPI().getItems(), defaultMode);
    } else if (source.getServiceAccountToken() != null) {
      writeFile(dir.resolve(source.getServiceAccountToken().getPath()), token(source.getServiceAccountToken()).getBytes(StandardCharsets.UTF_8),
          defaultMode);
    } else {
      throw new IllegalStateException("the node agent cannot honour this projected volume source: " + source);
    }
  }

  private Map<String, byte[]> configMap(String name, Boolean optional) {
    ConfigMap cm = fetch("ConfigMap " + name, () -> node.configMaps().inNamespace(namespace()).withName(name).get(), optional);
    Map<String, byte[]> data = new HashMap<>();
    if (cm != null) {
      toBytes(cm.getData(), data);
      if (cm.getBinaryData() != null) {
        cm.getBinaryData().forEach((k, b64) -> data.put(k, Base64.getDecoder().decode(b64)));
      }
    }
    return data;
  }

  private Map<String, byte[]> secret(String name, Boolean optional) {
    Secret s = fetch("Secret " + name, () -> node.secrets().inNamespace(namespace()).withName(name).get(), optional);
    Map<String, byte[]> data = new HashMap<>();
    if (s != null) {
      if (s.getData() != null) {
        s.getData().forEach((k, b64) -> data.put(k, Base64.getDecoder().decode(b64)));
      }
      toBytes(s.getStringData(), data);
    }
    return data;
  }

  /** A token bound to this pod, as the kubelet requests one (NodeRestriction admits only such tokens). */
  private String token(ServiceAccountTokenProjection projection) {
    String account = pod.getSpec().getServiceAccountName() == null ? "default" : pod.getSpec().getServiceAccountName();
    var request = new TokenRequestBuilder().withNewSpec()
        .withAudiences(projection.getAudience() == null || projection.getAudience().isEmpty() ? List.of() : List.of(projection.getAudience()))
        .withExpirationSeconds(projection.getExpirationSeconds() == null ? 3600L : projection.getExpirationSeconds())
        .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid()).endBoundObjectRef()
        .endSpec().build();
    return fetch("a token of ServiceAccount " + account, () -> node.serviceAccounts().inNamespace(namespace()).withName(account)
        .tokenRequest(request).getStatus().getToken(), false);
  }

  private void downwardApi(Path dir, List<DownwardAPIVolumeFile> items, Integer defaultMode) throws IOException {
    for (DownwardAPIVolumeFile item : items) {
      if (item.getFieldRef() == null) {
        throw new IllegalStateException("downwardAPI " + item.getPath() + ": the node agent honours fieldRef only, got " + item);
      }
      writeFile(dir.resolve(item.getPath()), DownwardApi.field(pod, podIp, item.getFieldRef()).getBytes(StandardCharsets.UTF_8),
          item.getMode() != null ? item.getMode() : defaultMode);
    }
  }

  /** Gets a source, waiting while it is missing or the Node authorizer does not know the pod yet. */
  private static <T> T fetch(String what, Supplier<T> get, Boolean optional) {
    if (Boolean.TRUE.equals(optional)) {
      return get.get();
    }
    AtomicReference<T> found = new AtomicReference<>();
    try {
      await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250))
          .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && (k.getCode() == 403 || k.getCode() == 404))
          .until(() -> {
            found.set(get.get());
            return found.get() != null;
          });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(what + " is still missing or forbidden to the node after " + WAIT.toSeconds()
          + " s (a kubelet would keep the pod in ContainerCreating)", e);
    }
    return found.get();
  }

  private String namespace() {
    return pod.getMetadata().getNamespace();
  }

  private static void toBytes(Map<String, String> data, Map<String, byte[]> into) {
    if (data != null) {
      data.forEach((k, v) -> into.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void write(Path dir, Map<String, byte[]> data, List<KeyToPath> items, Integer defaultMode) throws IOException {
    setMode(dir, 0755);
    if (items == null || items.isEmpty()) {
      for (Map.Entry<String, byte[]> e : data.entrySet()) {
        writeFile(dir.resolve(e.getKey()), e.getValue(), defaultMode);
      }
      return;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        throw new IllegalStateException("volume item " + item.getKey() + " is missing");
      }
      writeFile(dir.resolve(item.getPath()), value, item.getMode() != null ? item.getMode() : defaultMode);
    }
  }

  /** Writes a file with its mode; with an fsGroup, owned by that group and group-readable, as the kubelet does. */
  private void writeFile(Path file, byte[] content, Integer mode) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    int bits = mode == null ? DEFAULT_MODE : mode;
    if (fsGroup != null) {
      Files.setAttribute(file, "unix:gid", fsGroup.intValue());
      bits |= 0440;
    }
    setMode(file, bits);
  }

  private void setMode(Path path, int mode) throws IOException {
    if (fsGroup != null) {
      Files.setAttribute(path, "unix:gid", fsGroup.intValue());
    }
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        perms.add(order[bit]);
      }
    }
    Files.setPosixFilePermissions(path, perms);
  }
}
