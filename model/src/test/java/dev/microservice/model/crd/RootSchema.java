package dev.microservice.model.crd;

import dev.microservice.model.MicroService;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** What kubectl shows of the resource itself: the descriptions of the object, its spec and status, and the columns. */
final class RootSchema {
  static final String DESCRIPTION = "A MicroService runs endpoint jars in the project's runtime: the operator keeps a"
      + " Deployment of runtime pods whose gRPC servers and Kafka consumers route each namespace's services to"
      + " endpoints, and reports their state in status.";
  static final String SPEC = "The desired state: the endpoint image, the servers with their namespaces and services,"
      + " replicas, configuration and pod settings.";
  static final String STATUS = "The observed state, written by the operator: conditions Ready, Available, Progressing"
      + " and Degraded, and the pod counts.";

  private RootSchema() {}

  /** Describes the root, spec and status, and orders the printer columns as declared on {@link MicroService}. */
  static void apply(CustomResourceDefinitionVersion version) {
    JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
    root.setDescription(DESCRIPTION);
    root.getProperties().get("spec").setDescription(SPEC);
    root.getProperties().get("status").setDescription(STATUS);
    List<String> declared = Arrays.stream(MicroService.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(
        (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName())));
  }
}
