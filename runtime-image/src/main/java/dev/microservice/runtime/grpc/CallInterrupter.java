package dev.microservice.runtime.grpc;

import io.grpc.Context;

/**
 * Interrupts the thread running an endpoint when its call is cancelled or its deadline passes,
 * so that blocking endpoints stop early; disarmed (and the interrupt cleared) when the endpoint
 * returns, so the thread goes back to its pool clean.
 */
final class CallInterrupter implements Context.CancellationListener, AutoCloseable {
  private final Context context;
  private final Thread thread = Thread.currentThread();
  private boolean armed = true;
  private boolean fired;

  private CallInterrupter(Context context) {
    this.context = context;
  }

  static CallInterrupter arm(Context context) {
    CallInterrupter interrupter = new CallInterrupter(context);
    context.addListener(interrupter, Runnable::run);
    return interrupter;
  }

  @Override
  public synchronized void cancelled(Context context) {
    if (armed) {
      fired = true;
      thread.interrupt();
    }
  }

  @Override
  public void close() {
    context.removeListener(this);
    synchronized (this) {
      armed = false;
      if (fired) {
        Thread.interrupted();
      }
    }
  }
}
