package dev.microservice.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints, when a scenario fails, the node agent's errors, every pod's logs (they stay under target/) and the control plane's. */
public final class PodLogsOnFailure implements TestWatcher {
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    NodeAgent agent = EndToEndIT.agent;
    if (agent != null) {
      System.out.println("=== " + context.getDisplayName() + " failed; node agent errors: " + agent.errors());
      for (Pod pod : agent.everStarted()) {
        System.out.println("=== pod " + pod.namespace + "/" + pod.name + (pod.alive() ? " (running)" : "") + ", logs in " + pod.logDir);
        String logs = pod.logs();
        System.out.println(logs.length() > 4000 ? "..." + logs.substring(logs.length() - 4000) : logs);
      }
    }
    if (EndToEndIT.cluster != null) {
      System.out.println("=== control plane (last lines of each component's log)\n" + EndToEndIT.cluster.logTails(15));
    }
  }
}
