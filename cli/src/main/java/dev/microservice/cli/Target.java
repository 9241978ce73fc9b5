package dev.microservice.cli;

/**
 * A {@code <namespace>/<service>} argument.
 *
 * @param namespace the gRPC namespace or Kafka topic
 * @param service the service
 */
record Target(String namespace, String service) {
  static Target parse(String value) {
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0) {
      throw new CliException("expected <namespace>/<service>, e.g. greeter/hello; got '" + value + "'");
    }
    return new Target(value.substring(0, slash), value.substring(slash + 1));
  }
}
