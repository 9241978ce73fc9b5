package dev.microservice.runtime.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Makes each call's request metadata available to the handler through the gRPC {@link Context}. */
final class MetadataInterceptor implements ServerInterceptor {
  static final Context.Key<Metadata> METADATA = Context.key("request-metadata");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return Contexts.interceptCall(Context.current().withValue(METADATA, headers), call, headers, next);
  }
}
