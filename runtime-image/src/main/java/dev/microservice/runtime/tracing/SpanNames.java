package dev.microservice.runtime.tracing;

/** The attribute names the runtime sets on its spans: OpenTelemetry semantic conventions, and its own under {@code microservice.}. */
public final class SpanNames {
  public static final String RPC_SYSTEM = "rpc.system";
  public static final String RPC_SERVICE = "rpc.service";
  public static final String RPC_METHOD = "rpc.method";
  public static final String RPC_GRPC_STATUS_CODE = "rpc.grpc.status_code";
  public static final String MESSAGING_SYSTEM = "messaging.system";
  public static final String MESSAGING_DESTINATION = "messaging.destination.name";
  public static final String MESSAGING_PARTITION = "messaging.destination.partition.id";
  public static final String MESSAGING_OFFSET = "messaging.kafka.message.offset";
  public static final String MESSAGING_GROUP = "messaging.consumer.group.name";
  public static final String MESSAGING_OPERATION_TYPE = "messaging.operation.type";
  public static final String MESSAGING_OPERATION_NAME = "messaging.operation.name";
  public static final String ERROR_TYPE = "error.type";
  /** The MicroService's name (also the default service.name of the resource). */
  public static final String MICROSERVICE = "microservice.name";
  /** The manifest server (spec.servers[].name) that handled the request. */
  public static final String SERVER = "microservice.server";
  /** The gRPC namespace or Kafka topic. */
  public static final String NAMESPACE = "microservice.namespace";
  public static final String SERVICE = "microservice.service";
  public static final String ENDPOINT = "microservice.endpoint";
  /** The outcome's status code name: OK, UNAVAILABLE, ... */
  public static final String STATUS = "microservice.status";
  /** The id under which the runtime logged an endpoint's unexpected exception. */
  public static final String ERROR_ID = "microservice.error_id";
  /** 1 for the first delivery of a Kafka record, 2 and up for retries. */
  public static final String ATTEMPT = "microservice.attempt";

  private SpanNames() {}
}
