package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Where records go that cannot be handled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeadLetterSpec {
  /** The placeholder in {@link #getTopic()} replaced by the source topic. */
  public static final String TOPIC_PLACEHOLDER = "{topic}";

  @JsonPropertyDescription(
      "Whether failed records go to a dead-letter topic. When false they are logged and skipped."
          + " Defaults to true.")
  @Default("true")
  private Boolean enabled = true;

  @JsonPropertyDescription(
      "Dead-letter topic name; '{topic}' stands for the record's topic. Defaults to '{topic}.dlq'.")
  @Default("\"{topic}.dlq\"") // parsed as YAML: quoted, or it is a map
  private String topic = TOPIC_PLACEHOLDER + ".dlq";

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  /**
   * The dead-letter topic of a source topic.
   *
   * @param sourceTopic the topic a record came from
   * @return the topic it is dead-lettered to
   */
  public String topicFor(String sourceTopic) {
    return topic.replace(TOPIC_PLACEHOLDER, sourceTopic);
  }
}
