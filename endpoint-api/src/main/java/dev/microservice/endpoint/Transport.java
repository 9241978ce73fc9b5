package dev.microservice.endpoint;

/** The kind of server a request arrived through. */
public enum Transport {
  /** A gRPC call to {@code rpc.MessageService/Command}. */
  GRPC,
  /** A record consumed from a Kafka topic. */
  KAFKA
}
