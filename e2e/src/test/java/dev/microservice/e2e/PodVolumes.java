package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Materialises a pod's volumes as host directories, the way the kubelet would; fails on kinds it cannot honour. */
final class PodVolumes {
  private PodVolumes() {}

  static Map<String, Path> prepare(List<Volume> volumes, String namespace, Path podDir, KubernetesClient client, Images images) {
    Map<String, Path> dirs = new HashMap<>();
    for (Volume v : volumes) {
      Path dir = podDir.resolve("volumes").resolve(v.getName());
      try {
        if (v.getConfigMap() != null) {
          ConfigMap cm = client.configMaps().inNamespace(namespace).withName(v.getConfigMap().getName()).get();
          if (cm == null) {
            throw new IllegalStateException("volume " + v.getName() + ": ConfigMap " + v.getConfigMap().getName() + " does not exist");
          }
          write(dir, toBytes(cm.getData()), v.getConfigMap().getItems());
        } else if (v.getSecret() != null) {
          Secret s = client.secrets().inNamespace(namespace).withName(v.getSecret().getSecretName()).get();
          if (s == null) {
            throw new IllegalStateException("volume " + v.getName() + ": Secret " + v.getSecret().getSecretName() + " does not exist");
          }
          Map<String, byte[]> data = new HashMap<>();
          if (s.getData() != null) {
            s.getData().forEach((k, b64) -> data.put(k, Base64.getDecoder().decode(b64)));
          }
          data.putAll(toBytes(s.getStringData()));
          write(dir, data, v.getSecret().getItems());
        } else if (v.getEmptyDir() != null) {
          Files.createDirectories(dir);
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        } else if (v.getImage() != null) {
          dir = images.get(v.getImage().getReference()).root();
        } else {
          throw new IllegalStateException("volume " + v.getName() + ": the pod launcher cannot honour this kind of volume: " + v);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dirs.put(v.getName(), dir);
    }
    return dirs;
  }

  private static Map<String, byte[]> toBytes(Map<String, String> data) {
    Map<String, byte[]> bytes = new HashMap<>();
    if (data != null) {
      data.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return bytes;
  }

  private static void write(Path dir, Map<String, byte[]> data, List<KeyToPath> items) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (items == null || items.isEmpty()) {
      for (Map.Entry<String, byte[]> e : data.entrySet()) {
        writeFile(dir.resolve(e.getKey()), e.getValue());
      }
      return;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        throw new IllegalStateException("volume item " + item.getKey() + " is missing");
      }
      writeFile(dir.resolve(item.getPath()), value);
    }
  }

  private static void writeFile(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }
}
