package dev.microservice.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the operator: reads its settings from the environment, starts it and the management port. */
public final class OperatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  /**
   * @param args none
   * @throws IOException when the management port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    OperatorSettings settings;
    try {
      settings = OperatorSettings.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      LOG.error("Cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Losing the lease while running means another instance leads now: exit, and let Kubernetes restart us.
    MicroServiceOperator operator = OperatorFactory.create(client, settings, registry,
        () -> new Thread(() -> System.exit(1), "lost-leadership").start());
    ManagementServer management = new ManagementServer(settings.managementPort(), operator.runtimeInfo(), registry);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.stop();
      management.close();
    }, "shutdown"));
    LOG.info("Starting: runtime image {}, watching {}, leader election {}, Secret checks {}", settings.runtimeImage(),
        settings.watchNamespaces().isEmpty() ? "all namespaces" : settings.watchNamespaces(),
        settings.leaseNamespace() == null ? "off" : "on (lease " + settings.leaseNamespace() + "/" + settings.leaseName() + ")",
        settings.secretChecks() ? "on" : "off (SECRET_CHECKS=false: referenced Secret keys are not checked before the pod starts)");
    operator.start();
  }
}
