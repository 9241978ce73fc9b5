package dev.microservice.runtime;

import java.io.IOException;
import java.time.Duration;

/**
 * One server of the runtime (a gRPC server, a Kafka consumer): the seed's Server interface with a
 * graceful stop split in two, so that all servers drain in parallel.
 */
public interface Server {

  /** @return the server's name from the manifest */
  String name();

  /**
   * Starts serving; returns once requests are accepted.
   *
   * @throws IOException when the server cannot start (port taken, broker unreachable, ...)
   */
  void start() throws IOException;

  /** Stops accepting new work; in-flight work goes on. Returns at once; safe to call twice. */
  void stop();

  /**
   * Waits for in-flight work to finish, then forces whatever is left to stop.
   *
   * @param timeout how long in-flight work may take
   * @return true when everything finished in time
   * @throws InterruptedException when interrupted while waiting
   */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  /** @return true while the server accepts work */
  boolean isServing();

  /** @return null while healthy, else why the server can no longer serve (the process should restart) */
  default String failure() {
    return null;
  }
}
