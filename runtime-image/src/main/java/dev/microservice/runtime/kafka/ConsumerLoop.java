package dev.microservice.runtime.kafka;

/** The thread body that owns a Kafka server's consumer: {@link PollLoop} or {@link TransactionalLoop}. */
interface ConsumerLoop extends Runnable {
  /** Asks the loop to finish its current work and leave the group. */
  void stop();

  /** @return whether it is in the group and consuming */
  boolean joined();

  /** @return what made it stop consuming for good, or null */
  Throwable failure();
}
