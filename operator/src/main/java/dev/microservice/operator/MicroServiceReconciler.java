package dev.microservice.operator;

import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceStatus;
import dev.microservice.operator.dependents.HasGrpcServer;
import dev.microservice.operator.dependents.HorizontalPodAutoscalerDependent;
import dev.microservice.operator.dependents.KedaDiscovery;
import dev.microservice.operator.dependents.KedaUsernameDependent;
import dev.microservice.operator.dependents.PlanConditions;
import dev.microservice.operator.dependents.PodDisruptionBudgetDependent;
import dev.microservice.operator.dependents.ScaledObjectDependent;
import dev.microservice.operator.dependents.TriggerAuthenticationDependent;
import dev.microservice.operator.desired.AutoscalingPlan;
import dev.microservice.operator.status.AutoscalingCondition;
import dev.microservice.operator.status.Reason;
import dev.microservice.operator.dependents.RuntimeConfigMapDependent;
import dev.microservice.operator.dependents.RuntimeDeploymentDependent;
import dev.microservice.operator.dependents.RuntimeServiceDependent;
import dev.microservice.operator.events.WarningEvents;
import dev.microservice.operator.status.SpecProblem;
import dev.microservice.operator.status.StatusCalculator;
import dev.microservice.operator.validation.SpecChecks;
import dev.microservice.operator.desired.Labels;
import dev.microservice.operator.status.PodFailures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import dev.microservice.operator.desired.SecretsHash;
import dev.microservice.operator.status.KafkaLag;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a MicroService: checks its spec (referenced Secrets from the informer's cache), then runs the managed
 * workflow (ConfigMap, then Deployment, whose pod template carries the hash of the referenced Secrets; Service while it
 * has gRPC servers), then patches the status if it changed. An invalid spec creates and changes nothing: it sets
 * Ready=False and emits a Warning event. With Kafka servers it comes back every LAG_STATUS_INTERVAL to read the lag
 * into the status ({@link KafkaLag}).
 */
@ControllerConfiguration(name = MicroServiceReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "config", type = RuntimeConfigMapDependent.class),
    @Dependent(name = "deployment", type = RuntimeDeploymentDependent.class, dependsOn = "config"),
    @Dependent(name = "service", type = RuntimeServiceDependent.class, reconcilePrecondition = HasGrpcServer.class),
    @Dependent(name = "keda-username", type = KedaUsernameDependent.class, useEventSourceWithName = "config",
        reconcilePrecondition = PlanConditions.NeedsKedaUsername.class),
    @Dependent(name = "triggerauthentication", type = TriggerAuthenticationDependent.class,
        activationCondition = PlanConditions.KedaInstalled.class,
        reconcilePrecondition = PlanConditions.NeedsTriggerAuthentication.class),
    @Dependent(name = "scaledobject", type = ScaledObjectDependent.class, activationCondition = PlanConditions.KedaInstalled.class,
        reconcilePrecondition = PlanConditions.NeedsScaledObject.class),
    @Dependent(name = "hpa", type = HorizontalPodAutoscalerDependent.class, reconcilePrecondition = PlanConditions.NeedsHpa.class),
    @Dependent(name = "pdb", type = PodDisruptionBudgetDependent.class, reconcilePrecondition = PlanConditions.NeedsPdb.class)
})
public class MicroServiceReconciler implements Reconciler<MicroService> {
  /** The controller's name. */
  public static final String NAME = "microservice";
  private static final Logger LOG = LoggerFactory.getLogger(MicroServiceReconciler.class);
  private static final Duration RECHECK_MISSING_SECRETS = Duration.ofSeconds(30);

  private final OperatorSettings settings;
  private final WarningEvents events;
  private final Clock clock;
  private final KedaDiscovery keda;
  private final KafkaLag kafkaLag;

  /**
   * @param settings the operator's settings
   * @param events where Warning events go
   * @param clock the clock for condition times
   */
  public MicroServiceReconciler(OperatorSettings settings, WarningEvents events, Clock clock) {
    this.settings = settings;
    this.events = events;
    this.clock = clock;
    this.keda = new KedaDiscovery(clock, KedaDiscovery.EXPIRY);
    this.kafkaLag = new KafkaLag(settings.lagStatusInterval());
  }

  @Override
  public UpdateControl<MicroService> reconcile(MicroService ms, Context<MicroService> context) {
    String namespace = ms.getMetadata().getNamespace();
    Function<String, Secret> secrets = settings.secretChecks() ? ReferencedSecrets.lookup(context) : null;
    SpecProblem problem = secrets != null ? SpecChecks.check(ms, secrets) : SpecChecks.checkWithoutSecrets(ms);
    AutoscalingPlan plan = problem == null ? AutoscalingPlan.of(ms, keda.installed(context.getClient())) : null;
    if (problem == null) {
      var workflow = context.managedWorkflowAndDependentResourceContext();
      workflow.put(OperatorSettings.class, settings);
      if (secrets != null) {
        String secretsHash = SecretsHash.of(ms.getSpec(), secrets);
        if (secretsHash != null) {
          workflow.put(SecretsHash.class, secretsHash);
        }
      }
      workflow.put(AutoscalingPlan.class, plan);
      workflow.reconcileManagedWorkflow();
    } else if (isNew(ms, problem)) {
      LOG.warn("MicroService {}/{}: {}: {}", namespace, ms.getMetadata().getName(), problem.reason(), problem.message());
      events.warn(ms, problem.reason(), problem.message());
    }
    Deployment deployment = context.getSecondaryResource(Deployment.class).orElse(null);
    String podFailure = PodFailures.of(context.getSecondaryResources(Pod.class)).orElse(null);
    MicroServiceStatus status = StatusCalculator.compute(ms, deployment, problem, podFailure, plan, clock.instant());
    warnAboutAutoscaling(ms, status);
    Duration nextLag = kafkaLag.update(ms, status, context.getSecondaryResources(Pod.class), clock.instant());
    UpdateControl<MicroService> control;
    if (status.equals(ms.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      ms.setStatus(status);
      control = UpdateControl.patchStatus(ms);
    }
    Duration next = problem != null ? RECHECK_MISSING_SECRETS : null;
    if (plan != null && plan.kedaUse() == AutoscalingPlan.KedaUse.NOT_INSTALLED) {
      next = KedaDiscovery.EXPIRY; // to notice KEDA once it is installed
    }
    if (nextLag != null && (next == null || nextLag.compareTo(next) < 0)) {
      next = nextLag;
    }
    return next != null ? control.rescheduleAfter(next) : control;
  }

  /** A Warning event when the Autoscaling condition turns to a problem, or to another one. */
  private void warnAboutAutoscaling(MicroService ms, MicroServiceStatus status) {
    Condition now = status.condition(AutoscalingCondition.TYPE);
    Condition before = ms.getStatus() == null ? null : ms.getStatus().condition(AutoscalingCondition.TYPE);
    if (now != null && "False".equals(now.getStatus()) && (before == null
        || !Objects.equals(before.getReason(), now.getReason()) || !Objects.equals(before.getMessage(), now.getMessage()))) {
      LOG.warn("MicroService {}/{}: {}: {}", ms.getMetadata().getNamespace(), ms.getMetadata().getName(), now.getReason(),
          now.getMessage());
      events.warn(ms, Reason.valueOf(now.getReason()), now.getMessage());
    }
  }

  /**
   * Also watch the runtime pods, to report containers that fail (read only; the Deployment owns them), and, unless
   * the operator may not read Secrets (SECRET_CHECKS=false), the Secrets MicroServices reference: a change to one
   * rolls the pods that use it ({@link ReferencedSecrets}).
   */
  @Override
  public List<EventSource<?, MicroService>> prepareEventSources(EventSourceContext<MicroService> context) {
    InformerEventSourceConfiguration<Pod> pods = InformerEventSourceConfiguration.from(Pod.class, MicroService.class)
        .withName("runtime-pods")
        .withLabelSelector(Labels.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(Labels::owningMicroService)
        .build();
    List<EventSource<?, MicroService>> sources = new ArrayList<>();
    sources.add(new InformerEventSource<>(pods, context));
    if (settings.secretChecks()) {
      sources.add(ReferencedSecrets.eventSource(context));
    }
    return sources;
  }

  /** Emit an event only when the problem differs from what the status already reports. */
  private static boolean isNew(MicroService ms, SpecProblem problem) {
    Condition ready = ms.getStatus() == null ? null : ms.getStatus().condition("Ready");
    return ready == null || !Objects.equals(ready.getReason(), problem.reason().name())
        || !Objects.equals(ready.getMessage(), problem.message())
        || !Objects.equals(ms.getStatus().getObservedGeneration(), ms.getMetadata().getGeneration());
  }
}
