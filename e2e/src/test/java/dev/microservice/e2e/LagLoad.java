package dev.microservice.e2e;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;

/** A burst of Kafka requests to one topic, whose replies are counted: the load the autoscaling scenario follows. */
final class LagLoad {
  private final KafkaRequests requests;
  private final String prefix;
  private final Set<String> sent = ConcurrentHashMap.newKeySet();

  LagLoad(String bootstrapServers, String topic, String repliesTopic, String prefix) {
    this.requests = new KafkaRequests(bootstrapServers, topic, repliesTopic);
    this.prefix = prefix;
  }

  /** Sends {@code count} requests to service hello, each with its own correlation id, and waits for the broker's acks. */
  LagLoad send(int count) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = requests.producer()) {
      for (int i = 0; i < count; i++) {
        String id = prefix + "-" + i;
        p.send(requests.to("hello", "w" + i, id));
        sent.add(id);
      }
      p.flush();
    }
    return this;
  }

  /** @return how many of the sent requests have a reply with the hello endpoint's answer */
  long answered() {
    Map<String, String> replies = requests.replies();
    return sent.stream().filter(id -> {
      String reply = replies.get(id);
      return reply != null && reply.equals("Hello, w" + id.substring(prefix.length() + 1) + "!");
    }).count();
  }

  int size() {
    return sent.size();
  }
}
