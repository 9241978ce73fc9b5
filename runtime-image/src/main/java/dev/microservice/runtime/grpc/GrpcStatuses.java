package dev.microservice.runtime.grpc;

import dev.microservice.endpoint.Status;

/** Maps the endpoint API's statuses to gRPC status codes (the names are the same). */
final class GrpcStatuses {
  private GrpcStatuses() {}

  static io.grpc.Status of(Status status, String description) {
    return io.grpc.Status.fromCode(io.grpc.Status.Code.valueOf(status.name())).withDescription(description);
  }
}
