package dev.microservice.cli;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.AutoscalingPlan;
import dev.microservice.operator.desired.RuntimeConfigMap;
import dev.microservice.operator.desired.RuntimeDeployment;
import dev.microservice.operator.desired.RuntimeService;
import dev.microservice.operator.status.AutoscalingCondition;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code msvc render}: prints the objects the operator would create, from the same functions. */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = "Print, as YAML, the objects the operator would create for a manifest: ConfigMap, Deployment and Service,"
        + " and with spec.autoscaling and spec.disruption the KEDA ScaledObject and TriggerAuthentication (or the"
        + " HorizontalPodAutoscaler) and the PodDisruptionBudget.")
final class RenderCommand implements Callable<Integer> {
  /** The runtime image the chart deploys by default. */
  static final String DEFAULT_RUNTIME_IMAGE = "ghcr.io/microservice-operator/runtime:"
      + (RenderCommand.class.getPackage().getImplementationVersion() == null ? "0.1.0-SNAPSHOT"
          : RenderCommand.class.getPackage().getImplementationVersion());

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"-f", "--file"}, required = true, description = "The MicroService manifest.")
  Path file;

  @Option(names = "--namespace", description = "Namespace of the objects (default: the manifest's, else 'default').")
  String namespace;

  @Option(names = "--runtime-image", description = "Runtime image when the manifest names none (default: ${DEFAULT-VALUE}).")
  String runtimeImage = DEFAULT_RUNTIME_IMAGE;

  @Option(names = "--without-keda", description = "Show what the operator creates when the cluster has no KEDA"
      + " (the HorizontalPodAutoscaler fallback) instead of assuming KEDA is installed.")
  boolean withoutKeda;

  @Override
  public Integer call() {
    ManifestCheck check = ManifestCheck.of(file, null);
    if (!check.problems().isEmpty()) {
      return ProblemReport.print(spec.commandLine().getErr(), file, check.problems());
    }
    MicroService ms = check.object();
    if (namespace != null) {
      ms.getMetadata().setNamespace(namespace);
    } else if (ms.getMetadata().getNamespace() == null) {
      ms.getMetadata().setNamespace("default");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(Serialization.asYaml(RuntimeConfigMap.of(ms)));
    out.print(Serialization.asYaml(RuntimeDeployment.of(ms, runtimeImage)));
    if (RuntimeService.needed(ms)) {
      out.print(Serialization.asYaml(RuntimeService.of(ms)));
    }
    AutoscalingPlan plan = AutoscalingPlan.of(ms, !withoutKeda);
    plan.objects(ms).forEach(o -> out.print(Serialization.asYaml(o)));
    Condition autoscaling = AutoscalingCondition.of(ms, plan);
    if (autoscaling != null && "False".equals(autoscaling.getStatus())) {
      spec.commandLine().getErr().println(autoscaling.getReason() + ": " + autoscaling.getMessage());
      spec.commandLine().getErr().flush();
    }
    out.flush();
    return 0;
  }
}
