package dev.microservice.runtime.kafka;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Which transaction failures leave the producer unusable (the server must stop) and which an abort cures. */
final class TransactionFailures {
  private TransactionFailures() {}

  /** @return whether the failure, or one of its causes, is fatal to the transactional producer */
  static boolean fatal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof FencedInstanceIdException
          || t instanceof OutOfOrderSequenceException || t instanceof AuthorizationException
          || t instanceof TransactionalIdAuthorizationException || t instanceof UnsupportedVersionException) {
        return true;
      }
    }
    return false;
  }
}
