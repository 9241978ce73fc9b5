package dev.microservice.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microservice.model.MicroService;
import dev.microservice.operator.TestResources;
import dev.microservice.operator.desired.RuntimeDeployment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.DefaultManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** A dependent builds its desired object once per reconcile, however often JOSDK asks for it. */
class RuntimeDependentTest {
  @Test
  void theDesiredObjectIsBuiltOncePerReconcile() {
    MicroService ms = TestResources.hello();
    RuntimeConfigMapDependent config = new RuntimeConfigMapDependent();
    Context<MicroService> reconcile = reconcile(ms);
    ConfigMap first = config.desired(ms, reconcile);
    assertThat(config.desired(ms, reconcile)).isSameAs(first);

    ConfigMap next = config.desired(ms, reconcile(ms));
    assertThat(next).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void theDeploymentHashesTheConfigMapRenderedForThisReconcile() {
    MicroService ms = TestResources.hello();
    Context<MicroService> reconcile = reconcile(ms);
    ConfigMap rendered = RuntimeConfigMapDependent.rendered(ms, reconcile);
    assertThat(RuntimeConfigMapDependent.rendered(ms, reconcile)).isSameAs(rendered);
    assertThat(new RuntimeConfigMapDependent().build(ms, reconcile)).isSameAs(rendered);
    assertThat(RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE, rendered))
        .isEqualTo(RuntimeDeployment.of(ms, TestResources.RUNTIME_IMAGE));
  }

  /** A reconcile's context: only its workflow context, which JOSDK creates anew for every reconcile. */
  @SuppressWarnings("unchecked")
  static Context<MicroService> reconcile(MicroService ms) {
    ManagedWorkflowAndDependentResourceContext[] workflow = new ManagedWorkflowAndDependentResourceContext[1];
    Context<MicroService> context = (Context<MicroService>) Proxy.newProxyInstance(Context.class.getClassLoader(),
        new Class<?>[] {Context.class}, (proxy, method, args) -> {
          if (method.getName().equals("managedWorkflowAndDependentResourceContext")) {
            return workflow[0];
          }
          throw new UnsupportedOperationException(method.getName());
        });
    workflow[0] = new DefaultManagedWorkflowAndDependentResourceContext<>(null, ms, context);
    return context;
  }
}
