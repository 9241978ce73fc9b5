package dev.microservice.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The MicroService custom resource: servers, namespaces and services mapped to endpoints. */
@Group("microservice.dev")
@Version("v1alpha1")
@Kind("MicroService")
@Plural("microservices")
@ShortNames("msvc")
// Not "all": kubectl delete all --all would then delete the MicroServices, the user's source of truth.
@Categories("microservice-operator")
// In this order, AGE last (kubectl's convention); CrdSyncTest keeps the order, which the generator does not.
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REPLICAS", jsonPath = ".status.desiredReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AVAILABLE", jsonPath = ".status.availableReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MicroService extends CustomResource<MicroServiceSpec, MicroServiceStatus> implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** @return the manifest view (envelope and spec) the validator and the runtime use */
  public Manifest toManifest() {
    Manifest m = new Manifest();
    m.setApiVersion(getApiVersion());
    m.setKind(getKind());
    ManifestMetadata meta = new ManifestMetadata();
    meta.setName(getMetadata().getName());
    meta.setNamespace(getMetadata().getNamespace());
    m.setMetadata(meta);
    m.setSpec(getSpec());
    return m;
  }
}
