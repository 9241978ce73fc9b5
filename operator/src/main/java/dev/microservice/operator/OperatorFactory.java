package dev.microservice.operator;

import dev.microservice.operator.events.WarningEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Builds the operator exactly as production runs it; tests differ only in the client they pass. */
public final class OperatorFactory {
  private OperatorFactory() {}

  /**
   * @param client the Kubernetes client
   * @param settings the operator's settings
   * @param registry where the SDK's metrics go
   * @return the operator, not started
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry) {
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          // Create/update with JOSDK's generic matching instead of server-side apply, everywhere,
          // so the mode that runs in production is the one the mock-server tests exercise.
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (settings.leaseNamespace() != null) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME,
            settings.leaseNamespace(), settings.instance()));
      }
    });
    MicroServiceReconciler reconciler = new MicroServiceReconciler(settings, new WarningEvents(client, settings.instance()),
        Clock.systemUTC());
    operator.register(reconciler, c -> {
      if (!settings.watchNamespaces().isEmpty()) {
        c.settingNamespaces(settings.watchNamespaces());
      }
    });
    return operator;
  }
}
