package dev.microservice.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the log of every pod the launcher started when a scenario fails (the logs stay under target/). */
public final class PodLogsOnFailure implements TestWatcher {
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (EndToEndIT.launcher == null) {
      return;
    }
    System.out.println("=== " + context.getDisplayName() + " failed; launcher errors: " + EndToEndIT.launcher.errors());
    for (Pod pod : EndToEndIT.launcher.everStarted()) {
      System.out.println("=== pod " + pod.name + " (" + pod.dir + ")");
      String log = pod.log();
      System.out.println(log.length() > 4000 ? "..." + log.substring(log.length() - 4000) : log);
    }
  }
}
