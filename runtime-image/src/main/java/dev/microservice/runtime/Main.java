package dev.microservice.runtime;

import dev.microservice.model.ManifestException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The runtime's entry point. Exit codes: 0 after a graceful stop (SIGTERM or SIGINT), 1 when it
 * cannot start, 2 for a bad command line. A second signal forces an immediate exit.
 */
public final class Main {
  static {
    dev.microservice.runtime.logging.LogFormatSelection.fromEnvironment(); // LOG_FORMAT, before anything logs
    Warmup.start(); // before anything else loads: logging, Jackson
  }

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /**
   * Runs the runtime until SIGTERM or SIGINT.
   *
   * @param args see {@link RuntimeOptions#USAGE}
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install(); // gRPC and netty log through java.util.logging
    RuntimeOptions options;
    try {
      options = RuntimeOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(RuntimeOptions.USAGE);
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    MicroserviceRuntime runtime;
    try {
      runtime = MicroserviceRuntime.fromOptions(options);
    } catch (ManifestException | UncheckedIOException e) {
      LOG.error("Cannot start: {}", e.getMessage());
      return 1;
    }
    Signals.onTermination(() -> {
      runtime.close();
      stopped.countDown();
    });
    try {
      runtime.start();
    } catch (ManifestException | StartupException e) {
      LOG.error("Cannot start: {}", e.getMessage());
      LOG.debug("Start-up failure", e);
      runtime.close();
      return 1;
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
