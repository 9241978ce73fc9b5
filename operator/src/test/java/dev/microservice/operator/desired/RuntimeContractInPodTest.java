package dev.microservice.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.EndpointsSpec;
import dev.microservice.model.MicroService;
import dev.microservice.model.contract.RuntimeContract;
import dev.microservice.operator.TestResources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pod the operator renders keeps {@link RuntimeContract}: the runtime finds its manifest, jars, port and environment. */
class RuntimeContractInPodTest {
  @Test
  void theRuntimeIsToldWhereItsManifestAndJarsAreMounted() {
    PodSpec pod = pod(EndpointsSpec.Delivery.INIT_CONTAINER);
    Container runtime = pod.getContainers().get(0);
    assertThat(runtime.getArgs()).isEqualTo(RuntimeContract.args(RuntimeContract.MANIFEST_PATH, RuntimeContract.ENDPOINTS_DIR,
        RuntimeContract.MANAGEMENT_PORT));
    assertThat(RuntimeConfigMap.KEY).as("the ConfigMap key is the manifest's file name").isEqualTo(RuntimeContract.MANIFEST_FILE);
    assertThat(mountPath(runtime, "config")).isEqualTo(RuntimeContract.CONFIG_DIR);
    assertThat(mountPath(runtime, "endpoints")).isEqualTo(RuntimeContract.ENDPOINTS_DIR);
    assertThat(pod.getInitContainers().get(0).getCommand()).last().asString()
        .startsWith("cp -R " + RuntimeContract.ENDPOINTS_DIR + "/. ");
  }

  @Test
  void withImageVolumeDeliveryTheJarsAreUnderTheMountedImage() {
    Container runtime = pod(EndpointsSpec.Delivery.IMAGE_VOLUME).getContainers().get(0);
    assertThat(runtime.getArgs()).containsSequence(RuntimeContract.ENDPOINTS_FLAG,
        RuntimeContract.ENDPOINT_IMAGE_DIR + RuntimeContract.ENDPOINTS_DIR);
    assertThat(mountPath(runtime, "endpoints")).isEqualTo(RuntimeContract.ENDPOINT_IMAGE_DIR);
  }

  @Test
  void theProbesReachTheManagementPortByName() {
    Container runtime = pod(EndpointsSpec.Delivery.INIT_CONTAINER).getContainers().get(0);
    assertThat(runtime.getPorts()).filteredOn(p -> RuntimeContract.MANAGEMENT_PORT_NAME.equals(p.getName())).singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(RuntimeContract.MANAGEMENT_PORT));
    for (Probe probe : List.of(runtime.getStartupProbe(), runtime.getLivenessProbe(), runtime.getReadinessProbe())) {
      assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(RuntimeContract.MANAGEMENT_PORT_NAME);
    }
    assertThat(runtime.getLivenessProbe().getHttpGet().getPath()).isEqualTo(RuntimeContract.HEALTH_PATH);
    assertThat(runtime.getReadinessProbe().getHttpGet().getPath()).isEqualTo(RuntimeContract.READY_PATH);
  }

  @Test
  void thePodTellsTheRuntimeItsNameAndNamespace() {
    List<EnvVar> env = pod(EndpointsSpec.Delivery.INIT_CONTAINER).getContainers().get(0).getEnv();
    assertThat(env).filteredOn(e -> e.getName().equals(RuntimeContract.POD_NAME_ENV)).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name"));
    assertThat(env).filteredOn(e -> e.getName().equals(RuntimeContract.POD_NAMESPACE_ENV)).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace"));
  }

  private static PodSpec pod(EndpointsSpec.Delivery delivery) {
    MicroService ms = TestResources.hello();
    ms.getSpec().getEndpoints().setDelivery(delivery);
    return RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE).getSpec().getTemplate().getSpec();
  }

  private static String mountPath(Container c, String volume) {
    return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).map(VolumeMount::getMountPath)
        .findFirst().orElseThrow();
  }
}
