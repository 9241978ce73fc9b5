package dev.microservice.model;

/**
 * One thing wrong with a manifest.
 *
 * @param path where, e.g. {@code spec.servers[1].namespaces[0].services[0].endpoint}
 * @param message why, e.g. {@code no endpoint named 'helo'; available: hello}
 */
public record Problem(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
