package dev.microservice.model.contract;

/** The Kafka record headers of a request, its reply and its dead letter, as the runtime reads and writes them. */
public final class KafkaHeaderNames {
  /** On a request: the service it is for (also the gRPC metadata key of the same meaning). */
  public static final String SERVICE = "service";
  /** On a request: the topic to send the endpoint's reply to. */
  public static final String REPLY_TO = "reply-to";
  /** On a request, copied to its reply: ties the two together. */
  public static final String CORRELATION_ID = "correlation-id";
  /** On an error reply: why the request failed. */
  public static final String ERROR = "error";
  /** On a dead letter: the same text as {@link #ERROR}. */
  public static final String DLQ_ERROR = "dlq-error";
  /** On a dead letter: the failure's fully qualified class name. */
  public static final String DLQ_ERROR_CLASS = "dlq-error-class";
  /** On a dead letter: the topic the record was read from. */
  public static final String DLQ_ORIGINAL_TOPIC = "dlq-original-topic";
  /** On a dead letter: the partition the record was read from. */
  public static final String DLQ_ORIGINAL_PARTITION = "dlq-original-partition";
  /** On a dead letter: the record's offset in that partition. */
  public static final String DLQ_ORIGINAL_OFFSET = "dlq-original-offset";
  /** On a dead letter: how many attempts were made. */
  public static final String DLQ_ATTEMPTS = "dlq-attempts";
  /** On a dead letter whose value was too large to send: the value's size in bytes. */
  public static final String DLQ_VALUE_OMITTED_BYTES = "dlq-value-omitted-bytes";

  private KafkaHeaderNames() {}
}
