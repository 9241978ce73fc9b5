package dev.microservice.operator.dependents;

import dev.microservice.operator.desired.Keda;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the cluster serves KEDA's ScaledObject, by API discovery (no RBAC beyond what every user has), remembered
 * for a short while so that installing (or removing) KEDA later is noticed without asking on every reconcile.
 */
public final class KedaDiscovery {
  /** How long an answer is remembered; also how soon a MicroService waiting for KEDA is reconciled again. */
  public static final Duration EXPIRY = Duration.ofSeconds(30);

  private final Clock clock;
  private final Duration expiry;
  private boolean served;
  private Instant checked;

  /**
   * @param clock the clock for the expiry
   * @param expiry how long an answer is remembered
   */
  public KedaDiscovery(Clock clock, Duration expiry) {
    this.clock = clock;
    this.expiry = expiry;
  }

  /**
   * @param client a client of the cluster
   * @return whether keda.sh/v1alpha1 ScaledObject is served, asked at most once per expiry
   */
  public synchronized boolean installed(KubernetesClient client) {
    Instant now = clock.instant();
    if (checked == null || !now.isBefore(checked.plus(expiry))) {
      served = client.supports(Keda.API_VERSION, Keda.SCALED_OBJECT);
      checked = now;
    }
    return served;
  }
}
