package dev.microservice.operator.status;

import dev.microservice.model.KafkaServerStatus;
import dev.microservice.model.MicroService;
import dev.microservice.model.MicroServiceStatus;
import dev.microservice.model.ServerSpec;
import dev.microservice.model.contract.RuntimeContract;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code status.kafka}: the consumer lag the ready runtime pods last measured, per Kafka server, read from their
 * management port's {@code /metrics} (gauge {@value #METRIC}) and summed over topics, partitions and pods. Read at most
 * once per interval per MicroService; a pod that does not answer in time is left out, and when no pod reports a server
 * its last value stays (a server never measured is not listed). Only MicroServices with Kafka servers are measured.
 * The time of the last read is kept in memory per MicroService (a few bytes each; a new operator reads at once).
 */
public final class KafkaLag {
  /** The runtime's gauge of records not yet consumed, per server, topic and partition. */
  static final String METRIC = "microservice_kafka_consumer_lag";
  private static final Pattern SAMPLE = Pattern.compile("^" + METRIC + "\\{([^}]*)}\\s+(\\S+)");
  private static final Pattern SERVER_LABEL = Pattern.compile("(?:^|,)\\s*server=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Duration interval;
  private final int port;
  private final HttpClient http;
  private final Map<ResourceID, Instant> lastRead = new ConcurrentHashMap<>();

  /** @param interval how often at most a MicroService's lag is read; zero for never */
  public KafkaLag(Duration interval) {
    this(interval, RuntimeContract.MANAGEMENT_PORT);
  }

  /** With the pods' management port given, for tests. */
  KafkaLag(Duration interval, int port) {
    this.interval = interval;
    this.port = port;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * Sets {@code status.kafka}: read from the pods when the interval has passed since the last read, else the values of
   * the MicroService's current status.
   *
   * @param ms the MicroService, with its current status
   * @param status the new status, to complete
   * @param pods the MicroService's runtime pods
   * @param now the time now
   * @return when to reconcile again to read the lag, or null when it is not read
   */
  public Duration update(MicroService ms, MicroServiceStatus status, Collection<Pod> pods, Instant now) {
    ResourceID id = ResourceID.fromResource(ms);
    List<String> servers = kafkaServers(ms);
    if (interval.isZero() || servers.isEmpty()) {
      lastRead.remove(id);
      return null;
    }
    List<KafkaServerStatus> last = ms.getStatus() == null || ms.getStatus().getKafka() == null ? List.of() : ms.getStatus().getKafka();
    Instant previous = lastRead.get(id);
    if (previous != null && now.isBefore(previous.plus(interval))) {
      status.setKafka(merge(servers, Map.of(), last));
      return Duration.between(now, previous.plus(interval));
    }
    lastRead.put(id, now);
    status.setKafka(merge(servers, read(pods), last));
    return interval;
  }

  /** Per server, the lag read, else the last one, in the order of spec.servers; null when no server has one yet. */
  static List<KafkaServerStatus> merge(List<String> servers, Map<String, Long> read, List<KafkaServerStatus> last) {
    List<KafkaServerStatus> result = new ArrayList<>();
    for (String server : servers) {
      Long lag = read.containsKey(server) ? read.get(server)
          : last.stream().filter(k -> server.equals(k.getServer())).map(KafkaServerStatus::getLag).filter(Objects::nonNull)
              .findFirst().orElse(null);
      if (lag != null) {
        result.add(new KafkaServerStatus(server, lag));
      }
    }
    return result.isEmpty() ? null : result;
  }

  /** @return the lag per server, summed over the ready pods that answered */
  Map<String, Long> read(Collection<Pod> pods) {
    List<CompletableFuture<String>> scrapes = pods.stream().filter(KafkaLag::ready)
        .map(p -> scrape(p.getStatus().getPodIP())).toList();
    Map<String, Long> sum = new HashMap<>();
    for (CompletableFuture<String> scrape : scrapes) {
      String text = scrape.join();
      if (text != null) {
        parse(text).forEach((server, lag) -> sum.merge(server, lag, Long::sum));
      }
    }
    return sum;
  }

  private CompletableFuture<String> scrape(String ip) {
    String host = ip.contains(":") ? "[" + ip + "]" : ip;
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + RuntimeContract.METRICS_PATH))
        .timeout(TIMEOUT).header("Accept", "text/plain; version=0.0.4").GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(r -> r.statusCode() == 200 ? r.body() : null)
        .exceptionally(e -> null); // not answering in time is no error: the last value stays
  }

  /**
   * @param metrics a Prometheus text exposition
   * @return the sum of {@value #METRIC} per server label
   */
  static Map<String, Long> parse(String metrics) {
    Map<String, Long> sum = new HashMap<>();
    for (String line : metrics.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.strip());
      if (!sample.find()) {
        continue;
      }
      Matcher server = SERVER_LABEL.matcher(sample.group(1));
      double value;
      try {
        value = Double.parseDouble(sample.group(2));
      } catch (NumberFormatException e) {
        continue;
      }
      if (server.find() && Double.isFinite(value)) {
        sum.merge(server.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), Math.round(value), Long::sum);
      }
    }
    return sum;
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getPodIP() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static List<String> kafkaServers(MicroService ms) {
    List<ServerSpec> servers = ms.getSpec() == null || ms.getSpec().getServers() == null ? List.of() : ms.getSpec().getServers();
    return servers.stream().filter(s -> s != null && s.getKafka() != null).map(ServerSpec::getName).toList();
  }
}
