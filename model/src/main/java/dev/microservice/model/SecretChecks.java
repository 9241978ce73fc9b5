package dev.microservice.model;

import java.util.List;
import java.util.regex.Pattern;

/** Checks of {@link SecretValueSpec} fields, shared by the Kafka and gRPC checks; no message repeats what they hold. */
final class SecretChecks {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,252}");
  private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
  private final List<Problem> problems;

  SecretChecks(List<Problem> problems) {
    this.problems = problems;
  }

  /** A secret field of the manifest: a file or a value, as its {@link SecretField} says. */
  void check(SecretReference ref, boolean required) {
    check(ref.path(), ref.source(), required, !ref.field().isFile());
  }

  /** A secret value: exactly one of secretKeyRef, file or env. */
  void value(String path, SecretValueSpec secret, boolean required) {
    check(path, secret, required, true);
  }

  /** A secret file (store, certificate, key): exactly one of secretKeyRef or file. */
  void file(String path, SecretValueSpec secret, boolean required) {
    check(path, secret, required, false);
  }

  private void check(String path, SecretValueSpec secret, boolean required, boolean envAllowed) {
    if (secret == null) {
      if (required) {
        problems.add(new Problem(path, "is required: set " + (envAllowed ? "'secretKeyRef', 'file' or 'env'" : "'secretKeyRef' or 'file'")));
      }
      return;
    }
    boolean ref = secret.getSecretKeyRef() != null;
    boolean file = secret.getFile() != null && !secret.getFile().isBlank();
    boolean env = secret.getEnv() != null && !secret.getEnv().isBlank();
    if (env && !envAllowed) {
      problems.add(new Problem(path + ".env", "must be a file: set 'secretKeyRef' or 'file' instead"));
    } else if ((ref ? 1 : 0) + (file ? 1 : 0) + (env ? 1 : 0) != 1) {
      problems.add(new Problem(path, "set exactly one of " + (envAllowed ? "'secretKeyRef', 'file' or 'env'" : "'secretKeyRef' or 'file'")));
    }
    if (env && !ENV_NAME.matcher(secret.getEnv()).matches()) {
      problems.add(new Problem(path + ".env", "must name an environment variable (letters, digits and '_', not starting"
          + " with a digit); the value itself belongs in that variable, never in the manifest"));
    }
    if (ref) {
      SecretKeyRef r = secret.getSecretKeyRef();
      if (r.getName() == null || r.getName().isBlank()) {
        problems.add(new Problem(path + ".secretKeyRef.name", "is required"));
      } else if (!SECRET_NAME.matcher(r.getName()).matches()) {
        problems.add(new Problem(path + ".secretKeyRef.name", "must name a Secret (lower-case letters, digits, '-' and '.',"
            + " at most 253 characters); the value itself belongs in that Secret, never in the manifest"));
      }
      if (r.getKey() == null || r.getKey().isBlank()) {
        problems.add(new Problem(path + ".secretKeyRef.key", "is required"));
      } else if (!SECRET_KEY.matcher(r.getKey()).matches()) {
        problems.add(new Problem(path + ".secretKeyRef.key", "must name a key of the Secret (letters, digits, '-', '_'"
            + " and '.', at most 253 characters); the value itself belongs in the Secret, never in the manifest"));
      }
    }
  }
}
