package dev.microservice.operator.desired;

import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KEDA TriggerAuthentication of a MicroService's kafka triggers: Secret keys by reference (secretTargetRef, the
 * same keys the runtime mounts) and the SASL username from {@link KedaAuthConfigMap}. Never a secret value.
 */
public final class KedaTriggerAuthentication {
  private KedaTriggerAuthentication() {}

  /** @return the desired TriggerAuthentication (KedaAuth must be {@link KedaAuth#needed()}) */
  public static GenericKubernetesResource of(MicroService ms, KedaAuth auth) {
    Map<String, Object> spec = new LinkedHashMap<>();
    if (!auth.secretTargets().isEmpty()) {
      spec.put("secretTargetRef", auth.secretTargets().stream()
          .map(p -> ref(p.parameter(), p.secret(), p.key())).toList());
    }
    if (auth.username() != null) {
      spec.put("configMapTargetRef", List.of(ref("username", KedaAuthConfigMap.name(ms), KedaAuthConfigMap.USERNAME)));
    }
    return Keda.object(Keda.TRIGGER_AUTHENTICATION, ms, spec);
  }

  private static Map<String, Object> ref(String parameter, String name, String key) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("parameter", parameter);
    ref.put("name", name);
    ref.put("key", key);
    return ref;
  }
}
