package dev.microservice.runtime.grpc;

import com.google.protobuf.ByteString;
import dev.microservice.endpoint.EndpointException;
import dev.microservice.endpoint.RequestContext;
import dev.microservice.endpoint.Transport;
import dev.microservice.rpc.RPCMessage;
import dev.microservice.rpc.RPCResponse;
import dev.microservice.runtime.metrics.RuntimeMetrics;
import dev.microservice.runtime.routing.Route;
import dev.microservice.runtime.routing.Router;
import dev.microservice.runtime.routing.RoutingException;
import dev.microservice.runtime.tracing.RequestMdc;
import dev.microservice.runtime.tracing.RequestSpan;
import dev.microservice.runtime.tracing.SpanConstants;
import dev.microservice.runtime.tracing.SpanNames;
import dev.microservice.runtime.tracing.Tracing;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@code rpc.MessageService/Command}: routes each message to its endpoint and maps the outcome to a status. */
final class CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
  static final Metadata.Key<String> SERVICE_HEADER = Metadata.Key.of(
      dev.microservice.model.contract.KafkaHeaderNames.SERVICE, Metadata.ASCII_STRING_MARSHALLER); // the name Kafka requests use
  private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of(RequestSpan.TRACEPARENT, Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> TRACESTATE = Metadata.Key.of(RequestSpan.TRACESTATE, Metadata.ASCII_STRING_MARSHALLER);

  private final String server;
  private final Router router;
  private final RuntimeMetrics metrics;
  private final RejectionLog rejections;
  private final Tracing tracing;
  private final SpanConstants spanConstants;

  CommandHandler(String server, Router router, RuntimeMetrics metrics, RejectionLog rejections, Tracing tracing) {
    this.server = server;
    this.router = router;
    this.metrics = metrics;
    this.rejections = rejections;
    this.tracing = tracing;
    this.spanConstants = SpanConstants.of(SpanNames.RPC_SYSTEM, "grpc", SpanNames.RPC_SERVICE, CommandService.SERVICE,
        SpanNames.RPC_METHOD, CommandService.METHOD, SpanNames.SERVER, server);
  }

  void command(CommandRequest request, StreamObserver<RPCResponse> responses) {
    if (!CallTracer.claimForHandler()) {
      return; // the call ended before it got here (cancelled); the tracer has counted it
    }
    Metadata metadata = MetadataInterceptor.METADATA.get();
    RequestSpan span = tracing.start(Tracing.Kind.SERVER, CommandService.COMMAND, spanConstants,
        name -> metadata.get(RequestSpan.TRACEPARENT.equals(name) ? TRACEPARENT : TRACESTATE));
    Outcome outcome = new Outcome();
    try (RequestMdc mdc = RequestMdc.open(span, tracing.microservice(), server)) {
      outcome.status = command(request, responses, metadata, span, mdc, outcome);
    } finally {
      Status status = outcome.status == null ? Status.UNKNOWN : outcome.status;
      span.set(SpanNames.RPC_GRPC_STATUS_CODE, status.getCode().value());
      span.end(status.getCode().name(), serverFault(status.getCode()), status.getDescription(), outcome.errorId);
    }
  }

  /** What the span needs to know at the end. */
  private static final class Outcome {
    Status status;
    String errorId;
  }

  /** The codes that are the server's fault; the others (a bad request, not found, ...) leave the span's status unset. */
  private static boolean serverFault(Status.Code code) {
    return switch (code) {
      case UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS -> true;
      default -> false;
    };
  }

  private Status command(CommandRequest request, StreamObserver<RPCResponse> responses, Metadata metadata, RequestSpan span,
      RequestMdc mdc, Outcome outcome) {
    long start = System.nanoTime();
    metrics.started("grpc", server);
    if (request.message() == null) {
      Status invalid = Status.INVALID_ARGUMENT.withDescription("the request is not a valid rpc.RPCMessage: " + request.problem());
      rejections.note("INVALID_ARGUMENT (not an RPCMessage)", invalid.getDescription());
      metrics.record("grpc", server, RuntimeMetrics.UNKNOWN, RuntimeMetrics.UNKNOWN, invalid.getCode().name(), System.nanoTime() - start);
      respond(responses, invalid, null);
      return invalid;
    }
    RPCMessage message = request.message();
    Context call = Context.current();
    String namespace = router.namespaces().contains(message.getNamespace()) ? message.getNamespace() : RuntimeMetrics.UNKNOWN;
    String service = RuntimeMetrics.UNKNOWN;
    Status status;
    RPCResponse reply = null;
    try {
      String named = message.getService().isEmpty() ? metadata.get(SERVICE_HEADER) : message.getService();
      Route route = router.route(message.getNamespace(), named, message.getData().toByteArray());
      service = route.service();
      mdc.routed(route.namespace(), service);
      if (span.recording()) {
        span.set(SpanNames.NAMESPACE, route.namespace()).set(SpanNames.SERVICE, service)
            .set(SpanNames.ENDPOINT, route.endpoint().name());
      }
      RequestContext ctx = requestContext(route, metadata, call, span);
      if (call.isCancelled()) {
        status = cancelled(call);
      } else {
        byte[] data;
        try (CallInterrupter ignored = CallInterrupter.arm(call)) {
          data = route.endpoint().handle(ctx, route.payload());
        }
        status = call.isCancelled() ? cancelled(call) : Status.OK;
        reply = RPCResponse.newBuilder().setData(data == null ? ByteString.EMPTY : ByteString.copyFrom(data)).build();
      }
    } catch (RoutingException e) {
      status = GrpcStatuses.of(e.status(), e.getMessage());
    } catch (EndpointException e) {
      status = GrpcStatuses.of(e.status(), e.getMessage());
    } catch (Exception | LinkageError | AssertionError e) {
      if (call.isCancelled()) {
        status = cancelled(call);
      } else {
        outcome.errorId = UUID.randomUUID().toString().substring(0, 8);
        status = internal(service, e, outcome.errorId);
      }
    }
    metrics.record("grpc", server, namespace, service, status.getCode().name(), System.nanoTime() - start);
    respond(responses, status, reply);
    return status;
  }

  private static void respond(StreamObserver<RPCResponse> responses, Status status, RPCResponse reply) {
    if (((ServerCallStreamObserver<RPCResponse>) responses).isCancelled()) {
      return; // the client has gone: nobody to answer
    }
    try {
      if (status.isOk()) {
        responses.onNext(reply);
        responses.onCompleted();
      } else {
        responses.onError(status.asRuntimeException());
      }
    } catch (StatusRuntimeException e) {
      LOG.debug("Call ended before the reply was sent: {}", e.getStatus());
    }
  }

  private Status internal(String service, Throwable e, String errorId) {
    LOG.error("Endpoint of service '{}' (server {}) failed; error id {}", service, server, errorId, e);
    return Status.INTERNAL.withDescription(
        "service '" + service + "' failed with " + e.getClass().getSimpleName() + "; see the runtime log, error id " + errorId);
  }

  /**
   * A client whose deadline passes cancels the call; that cancel can arrive a network round trip
   * before this server's copy of the deadline (counted from when the call arrived) expires.
   */
  private static final long DEADLINE_TOLERANCE_MILLIS = 50;

  private static Status cancelled(Context call) {
    Deadline deadline = call.getDeadline();
    return deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) <= DEADLINE_TOLERANCE_MILLIS
        ? Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded while the endpoint was running")
        : Status.CANCELLED.withDescription("the call was cancelled by the client");
  }

  private static RequestContext requestContext(Route route, Metadata metadata, Context call, RequestSpan span) {
    RequestContext.Builder ctx = RequestContext.builder(Transport.GRPC, route.namespace(), route.service())
        .cancelled(call::isCancelled)
        .trace(span.traceId(), span.spanId());
    Deadline deadline = call.getDeadline();
    if (deadline != null) {
      ctx.deadline(Instant.now().plusNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)));
    }
    for (String key : metadata.keys()) {
      if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX) && !key.startsWith(":")) {
        String value = metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        if (value != null) {
          ctx.header(key, value);
        }
      }
    }
    return ctx.build();
  }
}
