package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

/** The endpoint image and how its jars reach the runtime. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"image", "imagePullPolicy", "imagePullSecrets", "delivery"})
public class EndpointsSpec {
  /** How endpoint jars reach the runtime container. */
  public enum Delivery {
    /** An init container of the endpoint image copies /endpoints into a shared volume; needs sh and cp in the image. */
    @JsonProperty("initContainer") INIT_CONTAINER,
    /** The endpoint image is mounted read-only as an image volume (Kubernetes 1.33+); any base image works. */
    @JsonProperty("imageVolume") IMAGE_VOLUME
  }

  /** Kubernetes image pull policies. */
  public enum PullPolicy {
    /** Always pull. */
    Always,
    /** Pull when not on the node. */
    IfNotPresent,
    /** Never pull. */
    Never
  }

  @JsonPropertyDescription("The endpoint image: an OCI image whose /endpoints directory holds the endpoint jars.")
  @Required
  @Size(min = 1)
  private String image;

  @JsonPropertyDescription("Pull policy of the endpoint image: Always, IfNotPresent or Never. Kubernetes' default when unset.")
  private PullPolicy imagePullPolicy;

  @JsonPropertyDescription("Secrets for pulling the endpoint and runtime images.")
  private List<LocalObjectReference> imagePullSecrets = new ArrayList<>();

  @JsonPropertyDescription("How the jars reach the runtime: initContainer (the default) or imageVolume.")
  @Default("initContainer")
  private Delivery delivery = Delivery.INIT_CONTAINER;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public PullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(PullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public Delivery getDelivery() {
    return delivery;
  }

  public void setDelivery(Delivery delivery) {
    this.delivery = delivery;
  }
}
