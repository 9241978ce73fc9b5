package dev.microservice.operator.events;

import dev.microservice.model.MicroService;
import dev.microservice.operator.status.Reason;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Emits Warning events about a MicroService, as kubectl describe shows them. */
public final class WarningEvents {
  /** The event source component. */
  public static final String COMPONENT = "microservice-operator";

  private final KubernetesClient client;
  private final String instance;

  /**
   * @param client the client
   * @param instance this operator instance (its pod name), for reportingInstance
   */
  public WarningEvents(KubernetesClient client, String instance) {
    this.client = client;
    this.instance = instance;
  }

  /** Emits one Warning event. */
  public void warn(MicroService ms, Reason reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event = new EventBuilder()
        .withNewMetadata()
        .withName(ms.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
        .withNamespace(ms.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(ms.getApiVersion()).withKind(ms.getKind()).withName(ms.getMetadata().getName())
        .withNamespace(ms.getMetadata().getNamespace()).withUid(ms.getMetadata().getUid())
        .withResourceVersion(ms.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType("Warning")
        .withReason(reason.name())
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(instance)
        .build();
    client.v1().events().inNamespace(ms.getMetadata().getNamespace()).resource(event).create();
  }
}
