package dev.microservice.operator.realcluster;

import com.marcnuri.helm.Helm;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The chart's ServiceAccount and RBAC objects, rendered by a real Helm (helm-java) and applied to the cluster. */
final class ChartRbac {
  private static final Set<String> KINDS = Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  private ChartRbac() {}

  /**
   * Renders the chart with its default values as release "mso" in the given namespace and applies what grants
   * permissions.
   *
   * @return the name of the operator's ServiceAccount
   */
  static String install(KubernetesClient admin, String namespace, String kubernetesVersion) {
    String manifest = new Helm(TestResources.ROOT.resolve("helm/microservice-operator")).template().withName("mso")
        .withNamespace(namespace).withKubeVersion(kubernetesVersion).call();
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : manifest.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.startsWith("kind: "))) {
        HasMetadata o = Serialization.unmarshal(doc);
        if (KINDS.contains(o.getKind())) {
          objects.add(o);
        }
      }
    }
    String serviceAccount = null;
    for (HasMetadata o : objects) {
      if (o.getMetadata().getNamespace() == null && !o.getKind().startsWith("Cluster")) {
        o.getMetadata().setNamespace(namespace);
      }
      admin.resource(o).serverSideApply();
      if (o instanceof ServiceAccount) {
        serviceAccount = o.getMetadata().getName();
      }
    }
    if (serviceAccount == null) {
      throw new AssertionError("the chart rendered no ServiceAccount:\n" + manifest);
    }
    return serviceAccount;
  }
}
