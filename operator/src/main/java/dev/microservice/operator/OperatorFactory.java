package dev.microservice.operator;

import dev.microservice.operator.events.WarningEvents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the operator exactly as production runs it; tests differ only in the client they pass. */
public final class OperatorFactory {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorFactory.class);

  private OperatorFactory() {}

  /**
   * @param client the Kubernetes client
   * @param settings the operator's settings
   * @param registry where the SDK's metrics go
   * @param onLostLeadership run when this instance loses leadership while not stopping
   * @return the operator, not started
   */
  public static MicroServiceOperator create(KubernetesClient client, OperatorSettings settings, MeterRegistry registry,
      Runnable onLostLeadership) {
    MicroServiceOperator.Stopping stopping = new MicroServiceOperator.Stopping();
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          // Create/update with JOSDK's generic matching instead of server-side apply, everywhere,
          // so the mode that runs in production is the one the mock-server tests exercise.
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
      if (settings.leaseNamespace() != null) {
        o.withLeaderElectionConfiguration(leaderElection(settings, stopping, onLostLeadership));
      }
    });
    MicroServiceReconciler reconciler = new MicroServiceReconciler(settings, new WarningEvents(client, settings.instance()),
        Clock.systemUTC());
    operator.register(reconciler, c -> {
      if (!settings.watchNamespaces().isEmpty()) {
        c.settingNamespaces(settings.watchNamespaces());
      }
    });
    return new MicroServiceOperator(operator, stopping);
  }

  private static LeaderElectionConfiguration leaderElection(OperatorSettings settings, MicroServiceOperator.Stopping stopping,
      Runnable onLostLeadership) {
    LeaderCallbacks callbacks = new LeaderCallbacks(
        () -> LOG.info("Leading: reconciling MicroServices"),
        () -> {
          if (!stopping.get()) {
            LOG.error("Lost the leader lease {}/{}", settings.leaseNamespace(), settings.leaseName());
            onLostLeadership.run();
          }
        },
        leader -> LOG.info("Leader is {}", leader));
    // exitOnStopLeading=false: the SDK would also exit on a graceful stop; we act only on a real loss.
    return new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace(),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE, LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, settings.instance(), callbacks, false);
  }
}
