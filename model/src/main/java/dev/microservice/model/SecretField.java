package dev.microservice.model;

/** Each field of a server that holds a secret (a {@link SecretValueSpec}): its path under the server and what it holds. */
public enum SecretField {
  /** The gRPC server's PEM certificate chain. */
  GRPC_CERTIFICATE("grpc.tls.certificate", true),
  /** The gRPC server's PEM private key. */
  GRPC_PRIVATE_KEY("grpc.tls.privateKey", true),
  /** The Kafka SASL password. */
  SASL_PASSWORD("kafka.security.sasl.password", false),
  /** The Kafka trust store. */
  TRUSTSTORE("kafka.security.tls.truststore", true),
  /** The Kafka key store. */
  KEYSTORE("kafka.security.tls.keystore", true),
  /** The Kafka trust store's password. */
  TRUSTSTORE_PASSWORD("kafka.security.tls.truststorePassword", false),
  /** The Kafka key store's password. */
  KEYSTORE_PASSWORD("kafka.security.tls.keystorePassword", false),
  /** The Kafka private key's password. */
  KEY_PASSWORD("kafka.security.tls.keyPassword", false);

  private final String field;
  private final boolean file;

  SecretField(String field, boolean file) {
    this.field = field;
    this.file = file;
  }

  /** @return its path under the server, e.g. {@code kafka.security.sasl.password} */
  public String field() {
    return field;
  }

  /** @return whether the runtime needs it as a file (a store, a certificate, a key): not from an environment variable */
  public boolean isFile() {
    return file;
  }

  /** @return its own field name, e.g. {@code password} */
  public String fieldName() {
    return field.substring(field.lastIndexOf('.') + 1);
  }

  /** @return whether it belongs to a gRPC server (else to a Kafka server) */
  public boolean isGrpc() {
    return this == GRPC_CERTIFICATE || this == GRPC_PRIVATE_KEY;
  }

  /** @return its path in a manifest, e.g. {@code spec.servers[1].kafka.security.sasl.password} */
  public String pathIn(String serverPath) {
    return serverPath + "." + field;
  }
}
