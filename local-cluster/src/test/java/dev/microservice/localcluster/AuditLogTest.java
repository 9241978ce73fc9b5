package dev.microservice.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log is read while the API server appends to it: a line not yet complete is not an event yet. */
class AuditLogTest {
  static final String EVENT = "{\"verb\":\"create\",\"user\":{\"username\":\"u\"},\"objectRef\":{\"resource\":\"pods\","
      + "\"namespace\":\"n\",\"name\":\"p\"},\"responseStatus\":{\"code\":201}}";

  @Test
  void aLineBeingWrittenIsLeftForLater(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.log");
    Files.writeString(file, EVENT + "\n" + EVENT.substring(0, 30));
    AuditLog log = new AuditLog(file);
    assertThat(log.mark()).isEqualTo(1);
    assertThat(log.since(0)).singleElement().satisfies(e -> {
      assertThat(e.verb()).isEqualTo("create");
      assertThat(e.isWrite()).isTrue();
      assertThat(e.code()).isEqualTo(201);
    });
    Files.writeString(file, EVENT + "\n" + EVENT + "\n");
    assertThat(log.since(1)).hasSize(1);
  }
}
