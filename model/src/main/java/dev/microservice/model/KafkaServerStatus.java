package dev.microservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The last consumer lag the runtime pods reported for one Kafka server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaServerStatus {
  @JsonPropertyDescription("The Kafka server's name in spec.servers.")
  private String server;

  @JsonPropertyDescription("Records not yet processed by the server's consumer group, summed over the partitions the"
      + " ready pods own, as they last measured it (the microservice_kafka_consumer_lag metric).")
  private Long lag;

  public KafkaServerStatus() {}

  public KafkaServerStatus(String server, Long lag) {
    this.server = server;
    this.lag = lag;
  }

  public String getServer() {
    return server;
  }

  public void setServer(String server) {
    this.server = server;
  }

  public Long getLag() {
    return lag;
  }

  public void setLag(Long lag) {
    this.lag = lag;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaServerStatus k && Objects.equals(server, k.server) && Objects.equals(lag, k.lag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(server, lag);
  }
}
