package dev.microservice.operator.realcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microservice.localcluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The request bodies of writes in the API server's audit log (policy level Request), read whole: {@link
 * dev.microservice.localcluster.AuditLog.Event#line()} is cut to 2,000 characters, shorter than a Deployment.
 */
final class AuditBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One write.
   *
   * @param user who made it
   * @param verb create, update, patch...
   * @param resource the resource, with its subresource (deployments/scale)
   * @param name the object's name
   * @param body the request body as JSON text
   */
  record Write(String user, String verb, String resource, String name, String body) {}

  private AuditBodies() {}

  /**
   * @param cluster the cluster
   * @param mark a mark of {@code cluster.auditLog()}: a line number
   * @return the writes with a request body since the mark
   */
  static List<Write> since(LocalCluster cluster, int mark) {
    // The audit log lies beside the admin kubeconfig, in the cluster's directory (LocalCluster#auditLog).
    Path file = cluster.adminKubeconfig().resolveSibling("audit.log");
    List<Write> writes = new ArrayList<>();
    try {
      List<String> lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)));
      lines.remove(lines.size() - 1); // a line still being written
      for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
        JsonNode e = JSON.readTree(line);
        if (!e.has("requestObject")) {
          continue;
        }
        JsonNode ref = e.path("objectRef");
        writes.add(new Write(e.path("user").path("username").asText(), e.path("verb").asText(),
            ref.path("resource").asText() + (ref.has("subresource") ? "/" + ref.path("subresource").asText() : ""),
            ref.path("name").asText(), e.get("requestObject").toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writes;
  }
}
