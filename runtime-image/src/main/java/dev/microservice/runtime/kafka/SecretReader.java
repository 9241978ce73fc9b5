package dev.microservice.runtime.kafka;

import dev.microservice.model.SecretValueSpec;
import dev.microservice.runtime.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads secret values from files or environment variables. Errors name the manifest path and the
 * file or variable, never the value.
 */
public final class SecretReader {
  private final Map<String, String> env;

  /** @param env the environment to read variables from */
  public SecretReader(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Reads a secret value.
   *
   * @param path the manifest path of the secret, for errors
   * @param secret where it comes from
   * @return the value
   */
  public String read(String path, SecretValueSpec secret) {
    unresolved(path, secret);
    if (secret.getFile() != null) {
      Path file = Path.of(secret.getFile());
      String value;
      try {
        value = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new StartupException(path + ".file: cannot read secret file " + file + ": it does not exist");
      } catch (IOException e) {
        throw new StartupException(path + ".file: cannot read secret file " + file + ": " + e.getClass().getSimpleName());
      }
      value = value.replaceAll("[\\r\\n]+$", "");
      if (value.isEmpty()) {
        throw new StartupException(path + ".file: secret file " + file + " is empty");
      }
      return value;
    }
    if (secret.getEnv() == null) {
      throw new StartupException(path + ": set 'file' or 'env'");
    }
    String value = env.get(secret.getEnv());
    if (value == null || value.isEmpty()) {
      throw new StartupException(path + ".env: environment variable " + secret.getEnv() + " is not set or empty");
    }
    return value;
  }

  /**
   * Checks that a secret file exists and returns its path.
   *
   * @param path the manifest path, for errors
   * @param secret the file source
   * @return the file's path
   */
  public String file(String path, SecretValueSpec secret) {
    unresolved(path, secret);
    if (secret.getFile() == null) {
      throw new StartupException(path + ": must be a file");
    }
    if (!Files.isReadable(Path.of(secret.getFile()))) {
      throw new StartupException(path + ".file: cannot read " + secret.getFile() + ": it does not exist or is not readable");
    }
    return secret.getFile();
  }

  private static void unresolved(String path, SecretValueSpec secret) {
    if (secret.getSecretKeyRef() != null) {
      throw new StartupException(path + ".secretKeyRef: Secrets are mounted by the operator; outside Kubernetes use 'file' or 'env'");
    }
  }
}
