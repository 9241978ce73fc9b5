package dev.microservice.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The apiserver's audit log: one JSON event per completed request (watches aside; bodies of writes only). */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /**
   * One request.
   *
   * @param user who made it
   * @param verb create, update, patch, delete, ...
   * @param resource the resource (with its subresource, e.g. microservices/status)
   * @param namespace the namespace, or empty
   * @param name the object's name, or empty
   * @param code the response code
   * @param line the raw JSON, for messages
   */
  public record Event(String user, String verb, String resource, String namespace, String name, int code, String line) {
    private static final java.util.Set<String> WRITES = java.util.Set.of("create", "update", "patch", "delete",
        "deletecollection");

    /** @return true for a request that changes something */
    public boolean isWrite() {
      return WRITES.contains(verb);
    }

    @Override
    public String toString() {
      return verb + " " + resource + " " + namespace + "/" + name + " by " + user + " -> " + code + "\n  " + line;
    }
  }

  /** @return how many events are in the log now: a mark to read from later */
  public int mark() {
    return lines().size();
  }

  /**
   * @param mark a value of {@link #mark()}
   * @return the events written since the mark
   */
  public List<Event> since(int mark) {
    List<String> lines = lines();
    List<Event> events = new ArrayList<>();
    for (String line : lines.subList(Math.min(mark, lines.size()), lines.size())) {
      events.add(parse(line));
    }
    return events;
  }

  /** The complete lines: the API server may be writing the last one while it is read. */
  private List<String> lines() {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      lines.remove(lines.size() - 1); // after the last newline: empty, or a line not yet complete
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  private static Event parse(String line) {
    try {
      JsonNode e = JSON.readTree(line);
      JsonNode ref = e.path("objectRef");
      String resource = ref.path("resource").asText("") + (ref.has("subresource") ? "/" + ref.path("subresource").asText() : "");
      return new Event(e.path("user").path("username").asText(""), e.path("verb").asText(""), resource,
          ref.path("namespace").asText(""), ref.path("name").asText(""), e.path("responseStatus").path("code").asInt(),
          line.length() > 2000 ? line.substring(0, 2000) + "..." : line);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable audit event: " + line, e);
    }
  }
}
