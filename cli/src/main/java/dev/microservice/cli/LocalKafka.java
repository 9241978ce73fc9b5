package dev.microservice.cli;

import dev.microservice.kafka.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The Kafka a local run uses: an embedded broker this process starts, or one that already runs. */
final class LocalKafka implements AutoCloseable {
  private final String bootstrap;
  private final EmbeddedKafka embedded;

  private LocalKafka(String bootstrap, EmbeddedKafka embedded) {
    this.bootstrap = bootstrap;
    this.embedded = embedded;
  }

  /** Starts a real KRaft broker in this process on localhost:port. */
  static LocalKafka embedded(int port) {
    Ports.requireFree(port, "the embedded Kafka port", "pass --kafka-port <free port>, or --kafka HOST:PORT to use a running Kafka");
    EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).start();
    return new LocalKafka(kafka.bootstrapServers(), kafka);
  }

  /** Uses a running Kafka, failing at once when none answers. */
  static LocalKafka remote(String bootstrap, Duration timeout) {
    LocalKafka kafka = new LocalKafka(bootstrap, null);
    try (Admin admin = kafka.admin(timeout)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new CliException("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while connecting to Kafka at " + bootstrap);
    }
    return kafka;
  }

  String bootstrap() {
    return bootstrap;
  }

  boolean isEmbedded() {
    return embedded != null;
  }

  /** Creates the topics that do not exist yet (one partition each). */
  void createTopics(Collection<String> topics) {
    try (Admin admin = admin(Duration.ofSeconds(10))) {
      Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      List<NewTopic> create = topics.stream().distinct().filter(t -> !existing.contains(t))
          .map(t -> new NewTopic(t, 1, (short) 1)).toList();
      if (!create.isEmpty()) {
        admin.createTopics(create).all().get(10, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new CliException("cannot create topics " + topics + " on " + bootstrap + ": " + e.getCause().getMessage(), e);
      }
    } catch (TimeoutException e) {
      throw new CliException("creating topics " + topics + " on " + bootstrap + " timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while creating topics");
    }
  }

  private Admin admin(Duration timeout) {
    int ms = (int) timeout.toMillis();
    return Admin.create(Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", ms,
        "request.timeout.ms", ms, "reconnect.backoff.max.ms", 1000));
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
