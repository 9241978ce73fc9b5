package dev.microservice.operator.validation;

import dev.microservice.model.ManifestLimits;
import dev.microservice.model.ManifestParser;
import dev.microservice.model.ManifestText;
import dev.microservice.model.ManifestValidator;
import dev.microservice.model.MicroService;
import dev.microservice.model.Problem;
import dev.microservice.model.SecretKeyRef;
import dev.microservice.model.SecretReference;
import dev.microservice.model.SecretReferences;
import dev.microservice.operator.status.Reason;
import dev.microservice.operator.status.SpecProblem;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the operator checks before it creates or changes anything: the rules the CRD schema cannot
 * express, the images, and that every referenced Secret key exists.
 */
public final class SpecChecks {
  private SpecChecks() {}

  /**
   * @param ms the MicroService
   * @param secrets looks a Secret of the MicroService's namespace up by name; null when absent (the operator passes its
   *     Secret informer's cache, so a check costs no request and a Secret created later triggers a new check)
   * @return null when the spec can be reconciled, else the problems
   */
  public static SpecProblem check(MicroService ms, Function<String, Secret> secrets) {
    SpecProblem invalid = checkWithoutSecrets(ms);
    if (invalid != null) {
      return invalid;
    }
    List<Problem> missing = new ArrayList<>();
    for (SecretReference found : SecretReferences.of(ms.getSpec())) {
      SecretKeyRef ref = found.secretKeyRef();
      if (ref == null) {
        continue;
      }
      Secret secret = secrets.apply(ref.getName());
      String path = found.path() + ".secretKeyRef";
      if (secret == null) {
        missing.add(new Problem(path, "Secret '" + ref.getName() + "' not found in namespace '" + ms.getMetadata().getNamespace() + "'"));
      } else if (!hasKey(secret, ref.getKey())) {
        missing.add(new Problem(path, "Secret '" + ref.getName() + "' has no key '" + ref.getKey() + "'"));
      }
    }
    return missing.isEmpty() ? null : new SpecProblem(Reason.SecretNotFound, missing);
  }

  /**
   * Every check but the Secret lookups: for an operator that may not read Secrets (SECRET_CHECKS=false). A missing
   * Secret or key then only shows when the runtime pod fails to start.
   *
   * @param ms the MicroService
   * @return null when the spec can be reconciled, else the problems
   */
  public static SpecProblem checkWithoutSecrets(MicroService ms) {
    List<Problem> invalid = specProblems(asWritten(ms));
    return invalid.isEmpty() ? null : new SpecProblem(Reason.InvalidSpec, invalid);
  }

  /**
   * The API server stores the schema default {@code replicas: 1} beside autoscaling (its CEL refuses any other count):
   * not the user's, so not refused here as {@code msvc validate} refuses a written one.
   */
  private static MicroService asWritten(MicroService ms) {
    if (ms.getSpec() == null || ms.getSpec().getAutoscaling() == null || !Integer.valueOf(1).equals(ms.getSpec().getReplicas())) {
      return ms;
    }
    MicroService copy = io.fabric8.kubernetes.client.utils.Serialization.clone(ms);
    copy.getSpec().setReplicas(null);
    return copy;
  }

  /**
   * The checks that need no cluster: the manifest rules and the images.
   *
   * @param ms the MicroService
   * @return every problem, each naming its field; empty when none
   */
  public static List<Problem> specProblems(MicroService ms) {
    List<Problem> invalid = new ArrayList<>();
    if (ms.getSpec() == null) {
      invalid.add(new Problem("spec", "is required"));
      return invalid;
    }
    long size = ManifestText.utf8Length(ManifestParser.toYaml(ms.toManifest()));
    if (size > ManifestLimits.MAX_BYTES) { // checked before the runtime's manifest is rendered and parsed again
      invalid.add(new Problem("spec", "is " + size + " bytes as a manifest; the limit is 1 MiB (" + ManifestLimits.MAX_BYTES
          + " bytes), what the runtime's ConfigMap can hold"));
      return invalid;
    }
    invalid.addAll(ManifestValidator.validate(ms.toManifest()));
    if (ms.getSpec().getEndpoints() == null) {
      invalid.add(new Problem("spec.endpoints", "is required"));
    } else if (isBlank(ms.getSpec().getEndpoints().getImage())) {
      invalid.add(new Problem("spec.endpoints.image", "is empty; name the image whose /endpoints directory holds the endpoint jars"));
    }
    if (ms.getSpec().getRuntimeImage() != null && ms.getSpec().getRuntimeImage().isBlank()) {
      invalid.add(new Problem("spec.runtimeImage", "is empty; leave it out to use the operator's runtime image"));
    }
    return invalid;
  }

  private static boolean hasKey(Secret secret, String key) {
    return (secret.getData() != null && secret.getData().containsKey(key))
        || (secret.getStringData() != null && secret.getStringData().containsKey(key));
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
