package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the endpoint jars come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointsSpec {
  @JsonPropertyDescription(
      "The endpoint image: an OCI image whose /endpoints directory holds the endpoint jars.")
  private String image;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }
}
