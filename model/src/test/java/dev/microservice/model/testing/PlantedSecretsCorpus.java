package dev.microservice.model.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The planted-secrets corpus the model module generates (model/src/test/resources/planted-secrets.yaml), for every module's leak tests. */
public final class PlantedSecretsCorpus {
  /** What a leak check looks for. */
  public static final String CORE = "S3cr3t";

  /**
   * @param name field and way
   * @param refused whether the manifest is invalid
   * @param yaml the manifest, with {@code {dir}} and {@code {port}} to fill in
   */
  public record Case(String name, boolean refused, String yaml) {}

  private PlantedSecretsCorpus() {}

  /** @return every case */
  public static List<Case> cases() {
    try {
      List<Case> cases = new ArrayList<>();
      String corpus;
      try (var in = PlantedSecretsCorpus.class.getResourceAsStream("/planted-secrets.yaml")) {
        corpus = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      for (String doc : corpus.split("(?m)^---\n")) {
        Matcher m = Pattern.compile("^# case: (\\S+) (\\S+)\n").matcher(doc);
        if (m.find()) {
          cases.add(new Case(m.group(1), m.group(2).equals("REFUSED"), doc.substring(m.end())));
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
