package dev.microservice.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running in this JVM.
 * Optionally adds a SASL_PLAINTEXT listener with PLAIN users.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final Path dataDir;
  private final boolean deleteDataDir;
  private final String host;
  private final int port;
  private final int saslPort;
  private final KafkaRaftServer server;

  private EmbeddedKafka(Builder b) {
    try {
      this.deleteDataDir = b.dataDir == null;
      this.dataDir = b.dataDir != null ? Files.createDirectories(b.dataDir) : Files.createTempDirectory("embedded-kafka");
      this.host = b.host;
      this.port = b.port > 0 ? b.port : freePort();
      this.saslPort = b.saslUsers.isEmpty() ? -1 : freePort();
      Properties props = properties(b, freePort());
      Path config = dataDir.resolve("server.properties");
      try (var out = Files.newOutputStream(config)) {
        props.store(out, "embedded kafka");
      }
      if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
        format(config);
      }
      server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
      server.startup();
      awaitReady(Duration.ofSeconds(60));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return a builder with defaults: free port, temporary data directory, no SASL */
  public static Builder builder() {
    return new Builder();
  }

  /** @return "host:port" of the PLAINTEXT listener */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  /** @return "localhost:port" of the SASL_PLAINTEXT listener; only when SASL users were given */
  public String saslBootstrapServers() {
    if (saslPort < 0) {
      throw new IllegalStateException("no SASL listener: add users with saslPlainUser()");
    }
    return host + ":" + saslPort;
  }

  /** @return the PLAINTEXT port */
  public int port() {
    return port;
  }

  /**
   * Creates a topic unless it exists.
   *
   * @param name the topic
   * @param partitions its partition count
   */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
    }
  }

  /** @return an admin client for this broker; close it */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (deleteDataDir) {
      deleteRecursively(dataDir);
    }
  }

  private Properties properties(Builder b, int controllerPort) {
    Properties p = new Properties();
    String listeners = "PLAINTEXT://" + host + ":" + port + (saslPort > 0 ? ",SASL_PLAINTEXT://" + host + ":" + saslPort : "");
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    p.put("listeners", listeners + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", listeners);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    // Share groups (KIP-932): formatting at the latest metadata version turns on share.version, so they need only
    // a share-state topic that fits one broker (EmbeddedKafkaIT.shareGroupsAreEnabled checks).
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("group.consumer.heartbeat.interval.ms", "500");
    p.put("group.consumer.min.heartbeat.interval.ms", "500");
    p.put("group.consumer.session.timeout.ms", "6000");
    p.put("group.consumer.min.session.timeout.ms", "6000");
    p.put("group.min.session.timeout.ms", "6000");
    p.put("auto.create.topics.enable", "true");
    if (saslPort > 0) {
      p.put("sasl.enabled.mechanisms", "PLAIN");
      String users = b.saslUsers.entrySet().stream()
          .map(u -> "user_" + u.getKey() + "=\"" + u.getValue() + "\"")
          .collect(Collectors.joining(" "));
      p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
          "org.apache.kafka.common.security.plain.PlainLoginModule required " + users + ";");
    }
    p.putAll(b.extra);
    return p;
  }

  private void format(Path config) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"};
    int code = StorageTool.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException("formatting Kafka storage failed: " + out.toString(StandardCharsets.UTF_8));
    }
  }

  private void awaitReady(Duration timeout) {
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("embedded Kafka did not become ready in " + timeout + ": " + e, e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }

  /** Options of an {@link EmbeddedKafka}. */
  public static final class Builder {
    private int port;
    private String host = "localhost";
    private Path dataDir;
    private final Map<String, String> saslUsers = new LinkedHashMap<>();
    private final Map<String, String> extra = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param port the PLAINTEXT port; 0 picks a free one
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * @param host the address the broker listens on and advertises (default localhost)
     * @return this builder
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * @param dataDir where the broker keeps its logs; kept after close. Default: a temporary directory, deleted on close
     * @return this builder
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /**
     * Adds a SASL_PLAINTEXT listener (PLAIN) that accepts this user.
     *
     * @param user the user name
     * @param password the password
     * @return this builder
     */
    public Builder saslPlainUser(String user, String password) {
      saslUsers.put(user, password);
      return this;
    }

    /**
     * Sets any broker property.
     *
     * @param key the property
     * @param value its value
     * @return this builder
     */
    public Builder property(String key, String value) {
      extra.put(key, value);
      return this;
    }

    /** @return the started broker */
    public EmbeddedKafka start() {
      return new EmbeddedKafka(this);
    }
  }
}
