package dev.microservice.runtime;

import static dev.microservice.model.contract.RuntimeContract.ENDPOINTS_FLAG;
import static dev.microservice.model.contract.RuntimeContract.MANAGEMENT_PORT_FLAG;
import static dev.microservice.model.contract.RuntimeContract.MANIFEST_FLAG;

import dev.microservice.model.contract.RuntimeContract;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The runtime's command line; its flags are {@link RuntimeContract}'s.
 *
 * @param manifest the MicroService manifest file
 * @param endpoints the directory of endpoint jars
 * @param managementPort the port of /healthz, /readyz and /metrics (0 picks a free one)
 */
public record RuntimeOptions(Path manifest, Path endpoints, int managementPort) {
  /** The management port when none is given. */
  public static final int DEFAULT_MANAGEMENT_PORT = RuntimeContract.MANAGEMENT_PORT;

  /** The command line synopsis. */
  public static final String USAGE =
      "usage: java -jar microservice-runtime.jar " + MANIFEST_FLAG + " <file> " + ENDPOINTS_FLAG + " <dir>"
          + " [" + MANAGEMENT_PORT_FLAG + " <port>]";

  /** Checks the values. */
  public RuntimeOptions {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(endpoints, "endpoints");
    if (managementPort < 0 || managementPort > 65535) {
      throw new IllegalArgumentException(
          MANAGEMENT_PORT_FLAG + " must be between 0 and 65535, got " + managementPort);
    }
  }

  /**
   * Parses the command line; {@code --name=value} and {@code --name value} both work.
   *
   * @param args the arguments
   * @return the options
   * @throws IllegalArgumentException naming the missing, unknown or malformed argument
   */
  public static RuntimeOptions parse(String... args) {
    Path manifest = null;
    Path endpoints = null;
    int port = DEFAULT_MANAGEMENT_PORT;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      if (!arg.equals(MANIFEST_FLAG) && !arg.equals(ENDPOINTS_FLAG) && !arg.equals(MANAGEMENT_PORT_FLAG)) {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        value = args[++i];
      }
      switch (arg) {
        case MANIFEST_FLAG -> manifest = Path.of(value);
        case ENDPOINTS_FLAG -> endpoints = Path.of(value);
        default -> port = parsePort(value);
      }
    }
    if (manifest == null) {
      throw new IllegalArgumentException(MANIFEST_FLAG + " is required");
    }
    if (endpoints == null) {
      throw new IllegalArgumentException(ENDPOINTS_FLAG + " is required");
    }
    return new RuntimeOptions(manifest, endpoints, port);
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(MANAGEMENT_PORT_FLAG + " must be a number, got '" + value + "'");
    }
  }
}
