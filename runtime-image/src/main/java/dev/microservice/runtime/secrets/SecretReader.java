package dev.microservice.runtime.secrets;

import dev.microservice.model.SecretValueSpec;
import dev.microservice.runtime.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads secret values from files or environment variables. Errors name the manifest path (and a
 * variable's name), never the value, nor a file name: it is where a careless manifest puts a secret.
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
        throw new StartupException(path + ".file: cannot read the secret file: it does not exist");
      } catch (IOException e) {
        throw new StartupException(path + ".file: cannot read the secret file: " + e.getClass().getSimpleName());
      }
      value = value.replaceAll("[\\r\\n]+$", "");
      if (value.isEmpty()) {
        throw new StartupException(path + ".file: the secret file is empty");
      }
      return value;
    }
    if (secret.getEnv() == null) {
      throw new StartupException(path + ": set 'file' or 'env'");
    }
    String value = env.get(secret.getEnv());
    if (value == null || value.isEmpty()) {
      throw new StartupException(path + ".env: the environment variable " + envName(secret.getEnv()) + " is not set or empty");
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
      throw new StartupException(path + ".file: cannot read the file: it does not exist or is not readable");
    }
    return secret.getFile();
  }

  /** A variable's name, when it is one: a secret written where the name belongs is never repeated. */
  private static String envName(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]{0,252}") ? name : "(not a valid variable name)";
  }

  private static void unresolved(String path, SecretValueSpec secret) {
    if (secret.getSecretKeyRef() != null) {
      throw new StartupException(path + ".secretKeyRef: Secrets are mounted by the operator; outside Kubernetes use 'file' or 'env'");
    }
  }
}
