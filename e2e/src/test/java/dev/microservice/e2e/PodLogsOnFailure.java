package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints, when a scenario fails, every pod's state and the last lines of its containers' logs (read from the kubelet). */
public final class PodLogsOnFailure implements TestWatcher {
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (EndToEndIT.client == null) {
      return;
    }
    for (Pod pod : EndToEndIT.client.pods().inAnyNamespace().list().getItems()) {
      System.out.println("=== pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " "
          + pod.getStatus().getPhase() + " " + pod.getStatus().getContainerStatuses());
      try {
        System.out.println(EndToEndIT.client.pods().inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName()).tailingLines(40).getLog());
      } catch (RuntimeException e) {
        System.out.println("(no log: " + e.getMessage() + ")");
      }
    }
  }
}
