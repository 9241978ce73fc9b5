package dev.microservice.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the suite needs on the real API server before the operator starts: the CRD, Established, and namespaces. */
final class ClusterSetup {
  private ClusterSetup() {}

  /** Creates the CRD from its file and waits until the server reports it Established (its API is served). */
  static void applyCrd(KubernetesClient admin, Path file) {
    CustomResourceDefinition crd;
    try {
      crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    String name = crd.getMetadata().getName();
    await("CRD " + name + " Established").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          CustomResourceDefinition c = admin.apiextensions().v1().customResourceDefinitions().withName(name).get();
          return c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus()));
        });
  }

  /**
   * Creates a namespace and waits for what pods in it need: the default ServiceAccount (ServiceAccount admission
   * refuses pods without it) and the kube-root-ca.crt ConfigMap (every pod's projected token volume reads it).
   */
  static void createNamespace(KubernetesClient admin, String name) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    await("namespace " + name + " ready for pods").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null
            && admin.configMaps().inNamespace(name).withName("kube-root-ca.crt").get() != null);
  }
}
