package dev.microservice.operator;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The planted-secrets corpus the model module generates (model/src/test/resources/planted-secrets.yaml). */
public final class PlantedSecretsCorpus {
  /** What a leak check looks for. */
  public static final String CORE = "S3cr3t";
  static final Path FILE = TestResources.ROOT.resolve("model/src/test/resources/planted-secrets.yaml");

  /**
   * @param name field and way
   * @param refused whether the manifest is invalid
   * @param yaml the manifest, {@code {dir}} and {@code {port}} filled in
   */
  public record Case(String name, boolean refused, String yaml) {
    /** @return the manifest as a MicroService in a namespace, or null when it does not fit the CRD's types */
    public MicroService microService(String namespace) {
      try {
        MicroService ms = Serialization.unmarshal(yaml, MicroService.class);
        ms.getMetadata().setNamespace(namespace);
        return ms;
      } catch (RuntimeException e) {
        return null; // a secret written as a string or a list where an object belongs: the API server refuses it
      }
    }
  }

  private PlantedSecretsCorpus() {}

  /** @return every case */
  public static List<Case> cases() {
    try {
      List<Case> cases = new ArrayList<>();
      for (String doc : Files.readString(FILE).split("(?m)^---\n")) {
        Matcher m = Pattern.compile("^# case: (\\S+) (\\S+)\n").matcher(doc);
        if (m.find()) {
          String yaml = doc.substring(m.end()).replace("{dir}", "/run/secrets").replace("{port}", "9090");
          cases.add(new Case(m.group(1), m.group(2).equals("REFUSED"), yaml));
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
