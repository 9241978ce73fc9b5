package dev.microservice.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a graceful stop (so the process can exit 0 afterwards); a second
 * signal exits at once.
 */
public final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /**
   * Runs {@code stop} on its own thread at the first SIGTERM or SIGINT.
   *
   * @param stop the graceful stop
   */
  public static void onTermination(Runnable stop) {
    AtomicInteger signals = new AtomicInteger();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (signals.incrementAndGet() > 1) {
          LOG.warn("Second SIG{}: exiting without draining", signal.getName());
          Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        LOG.info("SIG{} received: stopping gracefully", signal.getName());
        new Thread(stop, "graceful-stop").start();
      });
    }
  }
}
