package dev.microservice.operator.desired;

import dev.microservice.model.AutoscalingSpec;
import dev.microservice.model.MicroService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Which autoscaling and disruption objects a MicroService gets, and why: a ScaledObject when KEDA is needed, installed
 * and able to read every lag-measured server; else, with cpuUtilization, an HPA (also the fallback); a PDB with
 * spec.disruption. The one decision the dependents, the status and {@code msvc render} share.
 *
 * @param kedaUse how KEDA is used
 * @param kedaInstalled whether the cluster serves KEDA's API
 * @param auth how KEDA reaches the Kafka servers (and what it cannot express)
 * @param hpa whether the HPA exists
 * @param pdb whether the PodDisruptionBudget exists
 */
public record AutoscalingPlan(KedaUse kedaUse, boolean kedaInstalled, KedaAuth auth, boolean hpa, boolean pdb) {
  /** How KEDA is used for a MicroService. */
  public enum KedaUse {
    /** No autoscaling, or CPU only. */
    NOT_NEEDED,
    /** A ScaledObject scales the Deployment. */
    SCALED_OBJECT,
    /** KEDA is needed but the cluster does not serve its API. */
    NOT_INSTALLED,
    /** KEDA is needed but cannot read a field its kafka scaler needs ({@link KedaAuth#problems()}). */
    UNSUPPORTED
  }

  /**
   * @param ms the MicroService (valid)
   * @param kedaInstalled whether the cluster serves keda.sh/v1alpha1 ScaledObject
   * @return the plan
   */
  public static AutoscalingPlan of(MicroService ms, boolean kedaInstalled) {
    AutoscalingSpec scaling = ms.getSpec().getAutoscaling();
    KedaAuth auth = KedaAuth.of(ms);
    KedaUse use = scaling == null || !scaling.needsKeda() ? KedaUse.NOT_NEEDED
        : !kedaInstalled ? KedaUse.NOT_INSTALLED
        : !auth.problems().isEmpty() ? KedaUse.UNSUPPORTED
        : KedaUse.SCALED_OBJECT;
    boolean hpa = scaling != null && scaling.getCpuUtilization() != null && use != KedaUse.SCALED_OBJECT;
    return new AutoscalingPlan(use, kedaInstalled, auth, hpa, ms.getSpec().getDisruption() != null);
  }

  /** @return whether the ScaledObject exists */
  public boolean scaledObject() {
    return kedaUse == KedaUse.SCALED_OBJECT;
  }

  /** @return whether the TriggerAuthentication exists */
  public boolean triggerAuthentication() {
    return scaledObject() && auth.needed();
  }

  /** @return whether the ConfigMap holding the SASL username for KEDA exists */
  public boolean usernameConfigMap() {
    return scaledObject() && auth.username() != null;
  }

  /** @return the objects of the plan, in the order they are applied: ConfigMap, TriggerAuthentication, ScaledObject, HPA, PDB */
  public List<HasMetadata> objects(MicroService ms) {
    List<HasMetadata> objects = new ArrayList<>();
    if (usernameConfigMap()) {
      objects.add(KedaAuthConfigMap.of(ms, auth));
    }
    if (triggerAuthentication()) {
      objects.add(KedaTriggerAuthentication.of(ms, auth));
    }
    if (scaledObject()) {
      objects.add(KedaScaledObject.of(ms, auth));
    }
    if (hpa) {
      objects.add(RuntimeAutoscaler.of(ms));
    }
    if (pdb) {
      objects.add(RuntimeDisruptionBudget.of(ms));
    }
    return objects;
  }
}
