package dev.microservice.operator;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.util.concurrent.atomic.AtomicBoolean;

/** The running operator: the SDK's Operator, marked as stopping before it stops. */
public final class MicroServiceOperator {
  /** Set once a stop has begun. */
  static final class Stopping extends AtomicBoolean {
    private static final long serialVersionUID = 1L;
  }

  private final Operator operator;
  private final Stopping stopping;

  MicroServiceOperator(Operator operator, Stopping stopping) {
    this.operator = operator;
    this.stopping = stopping;
  }

  /** Starts the informers and, if leading (or without leader election), reconciling. */
  public void start() {
    operator.start();
  }

  /** Stops; losing the lease from now on is expected. */
  public void stop() {
    stopping.set(true);
    operator.stop();
  }

  /** @return health information for the management port */
  public RuntimeInfo runtimeInfo() {
    return operator.getRuntimeInfo();
  }
}
