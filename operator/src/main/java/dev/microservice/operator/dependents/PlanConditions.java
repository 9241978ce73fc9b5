package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.AutoscalingPlan;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.function.Predicate;

/**
 * The workflow conditions of the autoscaling and disruption dependents, read from the {@link AutoscalingPlan} the
 * reconciler puts in the reconcile's context: an object exists only while the plan asks for it, and is deleted when
 * it no longer does; KEDA's objects are active (and their informers registered) only while KEDA is installed.
 */
public final class PlanConditions {
  private PlanConditions() {}

  /** @return the reconcile's plan */
  static AutoscalingPlan plan(Context<MicroService> context) {
    return context.managedWorkflowAndDependentResourceContext().getMandatory(AutoscalingPlan.class, AutoscalingPlan.class);
  }

  /** A condition on the plan. */
  abstract static class OnPlan implements Condition<Object, MicroService> {
    private final Predicate<AutoscalingPlan> test;

    OnPlan(Predicate<AutoscalingPlan> test) {
      this.test = test;
    }

    @Override
    public boolean isMet(DependentResource<Object, MicroService> dependent, MicroService ms, Context<MicroService> context) {
      return test.test(plan(context));
    }
  }

  /** Activation: the cluster serves KEDA's API (so the KEDA informers can start). */
  public static final class KedaInstalled extends OnPlan {
    /** Creates the condition. */
    public KedaInstalled() {
      super(AutoscalingPlan::kedaInstalled);
    }
  }

  /** The ScaledObject is needed. */
  public static final class NeedsScaledObject extends OnPlan {
    /** Creates the condition. */
    public NeedsScaledObject() {
      super(AutoscalingPlan::scaledObject);
    }
  }

  /** The TriggerAuthentication is needed. */
  public static final class NeedsTriggerAuthentication extends OnPlan {
    /** Creates the condition. */
    public NeedsTriggerAuthentication() {
      super(AutoscalingPlan::triggerAuthentication);
    }
  }

  /** The ConfigMap with the SASL username for KEDA is needed. */
  public static final class NeedsKedaUsername extends OnPlan {
    /** Creates the condition. */
    public NeedsKedaUsername() {
      super(AutoscalingPlan::usernameConfigMap);
    }
  }

  /** The HorizontalPodAutoscaler is needed. */
  public static final class NeedsHpa extends OnPlan {
    /** Creates the condition. */
    public NeedsHpa() {
      super(AutoscalingPlan::hpa);
    }
  }

  /** The PodDisruptionBudget is needed. */
  public static final class NeedsPdb extends OnPlan {
    /** Creates the condition. */
    public NeedsPdb() {
      super(AutoscalingPlan::pdb);
    }
  }
}
