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
final class SecretReader {
  private final Map<String, String> env;

  SecretReader(Map<String, String> env) {
    this.env = env;
  }

  String read(String path, SecretValueSpec secret) {
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
    String value = env.get(secret.getEnv());
    if (value == null || value.isEmpty()) {
      throw new StartupException(path + ".env: environment variable " + secret.getEnv() + " is not set or empty");
    }
    return value;
  }
}
