package dev.microservice.operator.dependents;

import dev.microservice.model.MicroService;
import dev.microservice.operator.desired.RuntimeService;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The Service exists only while the MicroService has a gRPC server; otherwise it is deleted. */
public class HasGrpcServer implements Condition<Service, MicroService> {
  @Override
  public boolean isMet(DependentResource<Service, MicroService> dependent, MicroService ms, Context<MicroService> context) {
    return RuntimeService.needed(ms);
  }
}
