package dev.microservice.operator;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.SecretsHash;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Secrets MicroServices reference, watched: a change to one reconciles the MicroServices of its namespace that
 * reference it (found through an index of the primary cache), which rolls their pods through {@link SecretsHash}, and
 * the operator's Secret checks read this cache instead of asking the API server.
 *
 * <p>Memory: the informer caches every Secret of the watched namespaces, data included, since neither a label nor a
 * field selector can name just the referenced ones. The alternatives considered: a custom item store keeping only
 * each key's digest (JOSDK hands one item store to the informer of every watched namespace, and fabric8's relist
 * drops from it whatever the relisted namespace lacks, so it breaks with several namespaces), and a metadata-only
 * informer (a Secret's resourceVersion also changes when only its labels or annotations do, which would roll pods for
 * nothing, and the key checks need the keys). Values stay in this cache: they are hashed, never written or logged.
 */
final class ReferencedSecrets {
  /** The event source's name. */
  static final String NAME = "referenced-secrets";
  private static final String INDEX = "microservice.dev/referenced-secrets";

  private ReferencedSecrets() {}

  /** @return the Secret informer, mapping a Secret to the MicroServices that reference it, and back */
  static InformerEventSource<Secret, MicroService> eventSource(EventSourceContext<MicroService> context) {
    context.getPrimaryCache().addIndexer(INDEX, ms -> keys(ms).stream().toList());
    InformerEventSourceConfiguration<Secret> secrets = InformerEventSourceConfiguration.from(Secret.class, MicroService.class)
        .withName(NAME)
        .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache()
            .byIndex(INDEX, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName())).stream()
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((MicroService ms) -> ids(ms))
        .build();
    return new InformerEventSource<>(secrets, context);
  }

  /**
   * @param context the reconcile's context (the event source must be registered)
   * @return looks a referenced Secret of the MicroService's namespace up by name in the informer's cache; null when absent
   */
  static Function<String, Secret> lookup(Context<MicroService> context) {
    Map<String, Secret> byName = new HashMap<>();
    context.getSecondaryResources(Secret.class).forEach(s -> byName.put(s.getMetadata().getName(), s));
    return byName::get;
  }

  private static Set<ResourceID> ids(MicroService ms) {
    String namespace = ms.getMetadata().getNamespace();
    return ms.getSpec() == null ? Set.of() : SecretsHash.referencedNames(ms.getSpec()).stream()
        .map(name -> new ResourceID(name, namespace)).collect(Collectors.toSet());
  }

  private static List<String> keys(MicroService ms) {
    return ids(ms).stream().map(id -> key(id.getNamespace().orElse(""), id.getName())).toList();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
