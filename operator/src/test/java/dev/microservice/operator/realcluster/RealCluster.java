package dev.microservice.operator.realcluster;

import static org.awaitility.Awaitility.await;

import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the real-cluster tests share: the committed CRD, applied and Established, and namespaces. */
final class RealCluster {
  static final Path CRD = TestResources.ROOT.resolve("crds/microservices.microservice.dev-v1.yml");

  private RealCluster() {}

  /** Creates (or replaces) the committed CRD and waits until the server reports it Established. */
  static CustomResourceDefinition establishCrd(KubernetesClient admin) {
    return establishCrd(admin, CRD);
  }

  /** Creates (or replaces) a CRD from a file and waits until the server reports it Established. */
  static CustomResourceDefinition establishCrd(KubernetesClient admin, Path file) {
    CustomResourceDefinition crd;
    try {
      crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    admin.resource(crd).serverSideApply();
    await("CRD " + crd.getMetadata().getName() + " Established").atMost(Duration.ofSeconds(30)).until(() -> {
      CustomResourceDefinition current = admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get();
      return current.getStatus() != null && current.getStatus().getConditions().stream()
          .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    });
    return crd;
  }

  /** Creates a namespace unless it exists. */
  static void namespace(KubernetesClient admin, String name) {
    if (admin.namespaces().withName(name).get() == null) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }
  }
}
