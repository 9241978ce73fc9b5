package dev.microservice.runtime.grpc;

import dev.microservice.runtime.metrics.RuntimeMetrics;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sees every Command call end, also those that never reach the handler (a request over the size
 * limit, a call cancelled before it ran), and counts and logs those: the handler counts the others.
 * Whichever of the two claims a call first accounts for it.
 */
final class CallTracer extends ServerStreamTracer.Factory {
  /** The claim of the current call, in its gRPC context. */
  static final Context.Key<AtomicBoolean> CLAIM = Context.key("command-call-claim");

  private static final ServerStreamTracer NONE = new ServerStreamTracer() {};

  private final String server;
  private final RuntimeMetrics metrics;
  private final RejectionLog rejections;

  CallTracer(String server, RuntimeMetrics metrics, RejectionLog rejections) {
    this.server = server;
    this.metrics = metrics;
    this.rejections = rejections;
  }

  /** @return true when the handler may account for the current call (the tracer has not already) */
  static boolean claimForHandler() {
    AtomicBoolean claim = CLAIM.get();
    return claim == null || claim.compareAndSet(false, true);
  }

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    return CommandService.COMMAND.equals(fullMethodName) ? new Tracer() : NONE;
  }

  private final class Tracer extends ServerStreamTracer {
    private final AtomicBoolean claim = new AtomicBoolean();
    private final long start = System.nanoTime();

    @Override
    public Context filterContext(Context context) {
      return context.withValue(CLAIM, claim);
    }

    @Override
    public void streamClosed(Status status) {
      if (claim.compareAndSet(false, true)) {
        metrics.rejected("grpc", server, status.getCode().name(), System.nanoTime() - start);
        if (status.getCode() != Status.Code.CANCELLED && status.getCode() != Status.Code.DEADLINE_EXCEEDED) {
          rejections.note(status.getCode().name(), status.getDescription());
        }
      }
    }
  }
}
