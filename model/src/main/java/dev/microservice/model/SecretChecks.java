package dev.microservice.model;

import java.util.List;

/** Checks of {@link SecretValueSpec} fields, shared by the Kafka and gRPC checks. */
final class SecretChecks {
  private final List<Problem> problems;

  SecretChecks(List<Problem> problems) {
    this.problems = problems;
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
    if (ref) {
      SecretKeyRef r = secret.getSecretKeyRef();
      if (r.getName() == null || r.getName().isBlank()) {
        problems.add(new Problem(path + ".secretKeyRef.name", "is required"));
      }
      if (r.getKey() == null || r.getKey().isBlank()) {
        problems.add(new Problem(path + ".secretKeyRef.key", "is required"));
      }
    }
  }
}
