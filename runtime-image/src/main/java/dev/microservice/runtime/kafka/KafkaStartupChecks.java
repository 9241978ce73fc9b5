package dev.microservice.runtime.kafka;

import dev.microservice.model.DeadLetterSpec;
import dev.microservice.model.GroupProtocol;
import dev.microservice.runtime.StartupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Kafka server checks before consuming: that the brokers answer and accept its
 * credentials, which group protocol they support, and that its dead-letter topics exist.
 */
final class KafkaStartupChecks {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaStartupChecks.class);
  private static final long TIMEOUT_SECONDS = 15;

  private final String path;
  private final Admin admin;
  private final String summary;

  KafkaStartupChecks(String path, Admin admin, String summary) {
    this.path = path;
    this.admin = admin;
    this.summary = summary;
  }

  /** Connects (failing clearly on bad credentials or no broker) and picks the group protocol. */
  GroupProtocol groupProtocol(GroupProtocol wanted) {
    FeatureMetadata features = call(admin.describeFeatures().featureMetadata(), "describe the cluster's features");
    FinalizedVersionRange group = features.finalizedFeatures().get("group.version");
    boolean supported = group != null && group.maxVersionLevel() >= 1;
    if (wanted == GroupProtocol.CONSUMER && !supported) {
      throw new StartupException(path + ".kafka.groupProtocol: 'consumer' needs brokers with group.version >= 1; use 'classic' or 'auto'");
    }
    if (wanted == GroupProtocol.AUTO || wanted == null) {
      return supported ? GroupProtocol.CONSUMER : GroupProtocol.CLASSIC;
    }
    return wanted;
  }

  /** Warns about missing topics and creates missing dead-letter topics (like their source's partition count). */
  void topics(List<String> topics, DeadLetterSpec deadLetter) {
    Set<String> existing = call(admin.listTopics().names(), "list topics");
    List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
    if (!missing.isEmpty()) {
      LOG.warn("{}: topics {} do not exist yet; consuming starts when they are created", path, missing);
    }
    if (deadLetter == null || Boolean.FALSE.equals(deadLetter.getEnabled())) {
      return;
    }
    List<String> present = topics.stream().filter(existing::contains).toList();
    Map<String, TopicDescription> sources = present.isEmpty() ? Map.of()
        : call(admin.describeTopics(present).allTopicNames(), "describe topics");
    List<NewTopic> create = new ArrayList<>();
    for (String topic : topics) {
      String dlq = deadLetter.topicFor(topic);
      if (!existing.contains(dlq) && create.stream().noneMatch(n -> n.name().equals(dlq))) {
        int partitions = sources.containsKey(topic) ? sources.get(topic).partitions().size() : 1;
        create.add(new NewTopic(dlq, Optional.of(partitions), Optional.empty()));
      }
    }
    if (create.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(create).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("{}: created dead-letter topics {}", path, create.stream().map(NewTopic::name).toList());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        LOG.warn("{}: cannot create dead-letter topics {} ({}); create them, or dead letters will wait for them",
            path, create.stream().map(NewTopic::name).toList(), e.getCause().toString());
      }
    } catch (TimeoutException e) {
      LOG.warn("{}: creating dead-letter topics timed out", path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException(path + ": interrupted while creating dead-letter topics", e);
    }
  }

  private <T> T call(org.apache.kafka.common.KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthenticationException) {
        throw new StartupException(path + ".kafka.security: authentication failed (" + summary + "): " + cause.getMessage(), cause);
      }
      if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new StartupException(path + ".kafka.bootstrapServers: no Kafka broker answered within " + TIMEOUT_SECONDS + " s (" + summary + ")", cause);
      }
      throw new StartupException(path + ".kafka: cannot " + what + " (" + summary + "): " + cause, cause);
    } catch (TimeoutException e) {
      throw new StartupException(path + ".kafka.bootstrapServers: no Kafka broker answered within " + TIMEOUT_SECONDS + " s (" + summary + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException(path + ": interrupted while connecting to Kafka", e);
    }
  }
}
