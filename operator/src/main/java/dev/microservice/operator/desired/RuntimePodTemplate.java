package dev.microservice.operator.desired;

import dev.microservice.model.EndpointsSpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceSpec;
import dev.microservice.model.PodSpecOverrides;
import dev.microservice.model.contract.RuntimeContract;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod template of the runtime: containers, probes, ports, volumes, the spread over nodes, and the hash annotations
 * (config and Secrets) that roll the pods when what they read changes.
 */
public final class RuntimePodTemplate {
  /** The runtime container's name. */
  public static final String RUNTIME_CONTAINER = "runtime";
  /** The node label the default spread constraint spreads the pods over. */
  static final String HOSTNAME_KEY = "kubernetes.io/hostname";
  /** The label the Deployment controller puts on the pods of each rollout (each ReplicaSet). */
  static final String POD_TEMPLATE_HASH = "pod-template-hash";
  /** Seconds given to the JVM beyond the drain timeout before it is killed. */
  static final int GRACE_MARGIN_SECONDS = 15;

  private RuntimePodTemplate() {}

  /**
   * @param ms the MicroService
   * @param defaultRuntimeImage the runtime image when the spec names none
   * @param configHash the hash of the runtime ConfigMap
   * @return the pod template, without a Secrets hash
   */
  public static PodTemplateSpec of(MicroService ms, String defaultRuntimeImage, String configHash) {
    return of(ms, defaultRuntimeImage, configHash, null);
  }

  /**
   * @param ms the MicroService
   * @param defaultRuntimeImage the runtime image when the spec names none
   * @param configHash the hash of the runtime ConfigMap
   * @param secretsHash the hash of the referenced Secrets ({@link SecretsHash}), or null for no such annotation
   * @return the pod template
   */
  public static PodTemplateSpec of(MicroService ms, String defaultRuntimeImage, String configHash, String secretsHash) {
    MicroServiceSpec spec = ms.getSpec();
    PodSpecOverrides pod = spec.getPod() != null ? spec.getPod() : new PodSpecOverrides();
    Map<String, String> labels = new LinkedHashMap<>(pod.getLabels() == null ? Map.of() : pod.getLabels());
    labels.putAll(Labels.of(ms));
    Map<String, String> annotations = new LinkedHashMap<>(pod.getAnnotations() == null ? Map.of() : pod.getAnnotations());
    annotations.put(ConfigHash.ANNOTATION, configHash);
    if (secretsHash != null) {
      annotations.put(SecretsHash.ANNOTATION, secretsHash);
    }
    EndpointsSpec endpoints = spec.getEndpoints();
    boolean initContainer = endpoints.getDelivery() != EndpointsSpec.Delivery.IMAGE_VOLUME;
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
        .withNewSpec()
        .withServiceAccountName(pod.getServiceAccountName())
        .withPriorityClassName(pod.getPriorityClassName())
        .withNodeSelector(emptyToNull(pod.getNodeSelector()))
        .withTolerations(emptyToNull(pod.getTolerations()))
        .withAffinity(pod.getAffinity())
        .withTopologySpreadConstraints(spread(ms, pod))
        .withImagePullSecrets(emptyToNull(endpoints.getImagePullSecrets()))
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds((long) spec.getDrainTimeoutSeconds() + GRACE_MARGIN_SECONDS)
        .withSecurityContext(SecurityContexts.pod())
        .withInitContainers(initContainer ? List.of(copyEndpoints(endpoints)) : List.of())
        .withContainers(runtime(ms, defaultRuntimeImage, initContainer))
        .withVolumes(RuntimeVolumes.volumes(ms))
        .endSpec()
        .build();
  }

  /**
   * The user's constraints when given (an empty list: none); else, when more than one pod may run, one that spreads
   * each rollout's pods over nodes as evenly as the scheduler can without ever refusing to schedule a pod.
   */
  private static List<TopologySpreadConstraint> spread(MicroService ms, PodSpecOverrides pod) {
    if (pod.getTopologySpreadConstraints() != null) {
      return emptyToNull(pod.getTopologySpreadConstraints());
    }
    MicroServiceSpec spec = ms.getSpec();
    int mostPods = spec.getAutoscaling() != null && spec.getAutoscaling().getMaxReplicas() != null
        ? spec.getAutoscaling().getMaxReplicas() : spec.effectiveReplicas();
    if (mostPods <= 1) {
      return null;
    }
    // matchLabelKeys: the pods of one ReplicaSet spread among themselves, so a rollout's new pods are not placed by
    // where the old ones (about to go) run.
    return List.of(new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(HOSTNAME_KEY)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector().withMatchLabels(Labels.selector(ms)).endLabelSelector()
        .withMatchLabelKeys(POD_TEMPLATE_HASH)
        .build());
  }

  private static Container copyEndpoints(EndpointsSpec endpoints) {
    return new ContainerBuilder()
        .withName("endpoints")
        .withImage(endpoints.getImage())
        .withImagePullPolicy(endpoints.getImagePullPolicy() == null ? null : endpoints.getImagePullPolicy().name())
        .withCommand("sh", "-c", "cp -R " + RuntimeContract.ENDPOINTS_DIR + "/. " + RuntimeVolumes.ENDPOINTS_COPY_PATH + "/")
        .withVolumeMounts(RuntimeVolumes.endpointsCopyMount())
        .withSecurityContext(SecurityContexts.container())
        .withNewResources()
        .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m"))
        .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("16Mi"))
        .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi"))
        .endResources()
        .build();
  }

  private static Container runtime(MicroService ms, String defaultRuntimeImage, boolean initContainer) {
    MicroServiceSpec spec = ms.getSpec();
    return new ContainerBuilder()
        .withName(RUNTIME_CONTAINER)
        .withImage(spec.getRuntimeImage() != null ? spec.getRuntimeImage() : defaultRuntimeImage)
        .withArgs(RuntimeContract.args(RuntimeContract.MANIFEST_PATH,
            initContainer ? RuntimeContract.ENDPOINTS_DIR : RuntimeContract.ENDPOINT_IMAGE_DIR + RuntimeContract.ENDPOINTS_DIR,
            RuntimeContract.MANAGEMENT_PORT))
        .withPorts(ports(spec))
        .withEnv(env(ms))
        .withResources(spec.getResources())
        .withStartupProbe(probe(RuntimeContract.HEALTH_PATH, 2, 60))
        .withLivenessProbe(probe(RuntimeContract.HEALTH_PATH, 10, 3))
        .withReadinessProbe(probe(RuntimeContract.READY_PATH, 5, 2))
        .withVolumeMounts(RuntimeVolumes.runtimeMounts(ms, initContainer))
        .withSecurityContext(SecurityContexts.container())
        // The runtime logs why it cannot start as its last lines; the operator reports them.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  private static List<ContainerPort> ports(MicroServiceSpec spec) {
    List<ContainerPort> ports = new ArrayList<>();
    spec.getServers().stream().filter(s -> s.getGrpc() != null).forEach(s -> ports.add(
        new ContainerPortBuilder().withName(s.getName()).withContainerPort(s.getGrpc().getPort()).withProtocol("TCP").build()));
    ports.add(new ContainerPortBuilder().withName(RuntimeContract.MANAGEMENT_PORT_NAME).withContainerPort(RuntimeContract.MANAGEMENT_PORT).withProtocol("TCP").build());
    return ports;
  }

  private static List<EnvVar> env(MicroService ms) {
    MicroServiceSpec spec = ms.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVarBuilder().withName(RuntimeContract.POD_NAME_ENV).withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
        .endFieldRef().endValueFrom().build());
    env.add(new EnvVarBuilder().withName(RuntimeContract.POD_NAMESPACE_ENV).withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
    List<EnvVar> user = spec.getEnv() == null ? List.of() : spec.getEnv();
    // A spec.env entry wins over the one spec.observability implies: the user's is kept, ours left out.
    ObservabilityEnv.of(ms).stream().filter(e -> user.stream().noneMatch(u -> e.getName().equals(u.getName())))
        .forEach(env::add);
    env.addAll(user);
    return env;
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(RuntimeContract.MANAGEMENT_PORT_NAME)).endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .withTimeoutSeconds(2)
        .build();
  }

  private static <T> List<T> emptyToNull(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
    return map == null || map.isEmpty() ? null : map;
  }
}
