package dev.microservice.operator.realcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microservice.localcluster.LocalCluster;
import dev.microservice.localcluster.LocalClusterExtension;
import dev.microservice.model.MicroService;
import dev.microservice.operator.TestResources;
import dev.microservice.operator.desired.RuntimeConfigMap;
import dev.microservice.operator.desired.RuntimeDeployment;
import dev.microservice.operator.desired.RuntimeService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every desired object is a fixed point of the real server's defaulting: what the server stores (a dry-run create)
 * holds every field of the desired object with the same value. A field the server drops or defaults differently would
 * make the operator rewrite the object on every reconcile; this test names the field.
 */
@ExtendWith(LocalClusterExtension.class)
class DesiredStateOnRealServerIT {
  static final String NS = "desired-checks";
  static final ObjectMapper JSON = new ObjectMapper();
  static KubernetesClient admin;

  @BeforeAll
  static void namespace(LocalCluster cluster) {
    admin = cluster.admin();
    RealCluster.namespace(admin, NS);
  }

  static List<Path> examples() throws IOException {
    return TestResources.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theServerKeepsEveryDesiredFieldAsIs(Path example) throws IOException {
    MicroService ms = Serialization.unmarshal(Files.readString(example), MicroService.class);
    ms.getMetadata().setNamespace(NS);
    List<HasMetadata> desired = new ArrayList<>(List.of(RuntimeConfigMap.of(ms),
        RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE)));
    if (RuntimeService.needed(ms)) {
      desired.add(RuntimeService.of(ms));
    }
    for (HasMetadata object : desired) {
      HasMetadata stored = admin.resource(object).dryRun().create();
      List<String> differences = new ArrayList<>();
      compare("", JSON.valueToTree(object), JSON.valueToTree(stored), differences);
      assertThat(differences).as("%s %s: desired fields the server stores differently", object.getKind(),
          object.getMetadata().getName()).isEmpty();
    }
  }

  /** Collects the paths where the stored copy lacks a desired field or holds another value. */
  static void compare(String path, JsonNode desired, JsonNode stored, List<String> out) {
    if (desired.isObject() && stored != null && stored.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        compare(path + "/" + field.getKey(), field.getValue(), stored.get(field.getKey()), out);
      }
    } else if (desired.isArray() && stored != null && stored.isArray() && desired.size() == stored.size()) {
      for (int i = 0; i < desired.size(); i++) {
        compare(path + "/" + i, desired.get(i), stored.get(i), out);
      }
    } else if (!desired.equals(stored)) {
      out.add(path + ": desired " + desired + ", stored " + stored);
    }
  }
}
