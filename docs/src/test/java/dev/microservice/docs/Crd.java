package dev.microservice.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The committed CRD, {@code crds/microservices.microservice.dev-v1.yml}, as a JSON tree. */
final class Crd {
  static final String FILE = "crds/microservices.microservice.dev-v1.yml";

  private Crd() {}

  static JsonNode read() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(DocFiles.read(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the schema of {@code spec} of the first version */
  static JsonNode specSchema() {
    return read().path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties")
        .path("spec");
  }
}
