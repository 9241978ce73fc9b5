package dev.microservice.localcluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link LocalCluster}: one per test run (a JVM), started on first use and stopped when the run ends,
 * whether tests passed or failed. Use with {@code @ExtendWith(LocalClusterExtension.class)} and a {@code LocalCluster}
 * parameter on a {@code @BeforeAll} method or a test.
 */
public final class LocalClusterExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, k -> new Running(LocalCluster.start()),
        Running.class).cluster;
  }

  /** Closes the cluster with the root context, at the end of the run. */
  private record Running(LocalCluster cluster) implements AutoCloseable {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
