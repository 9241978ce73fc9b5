package dev.microservice.operator;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/** The planted-secrets corpus the model module generates (model/src/test/resources/planted-secrets.yaml). */
public final class PlantedSecretsCorpus {
  /** What a leak check looks for. */
  public static final String CORE = "S3cr3t";

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

  /** @return every case of the model's corpus, {@code {dir}} and {@code {port}} filled in */
  public static List<Case> cases() {
    return dev.microservice.model.testing.PlantedSecretsCorpus.cases().stream().map(c -> new Case(c.name(), c.refused(),
        c.yaml().replace("{dir}", "/run/secrets").replace("{port}", "9090"))).toList();
  }
}
