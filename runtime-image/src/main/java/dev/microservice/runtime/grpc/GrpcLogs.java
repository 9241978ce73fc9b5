package dev.microservice.runtime.grpc;

import dev.microservice.model.Echo;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what clients can make gRPC log per request or per connection out of the log: a request
 * over the size limit (reported by {@link RejectionLog} instead) and a connection that fails on
 * garbage (reported here, rate-limited, without the stack trace gRPC attaches). The loggers are
 * held here so their settings are not garbage-collected with them.
 */
final class GrpcLogs {
  private static final Logger DEFRAME_FAILURES = Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerStream");
  private static final Logger CONNECTIONS = Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport.connections");
  private static final RateLimitedLog TRANSPORT = new RateLimitedLog(LoggerFactory.getLogger(GrpcLogs.class)::info);

  static {
    DEFRAME_FAILURES.setLevel(Level.SEVERE);
    CONNECTIONS.setFilter(record -> {
      Throwable cause = record.getThrown();
      String kind = cause == null ? "(no exception)" : cause.getClass().getSimpleName();
      TRANSPORT.note(kind, "gRPC: a client connection failed: " + kind
          + (cause == null || cause.getMessage() == null ? "" : " " + Echo.quoted(cause.getMessage())));
      return false;
    });
  }

  private GrpcLogs() {}

  /** Applies the settings (once, when this class loads). */
  static void install() {
    // the static initializer did it
  }
}
