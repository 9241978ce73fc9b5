package dev.microservice.operator.realcluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An interceptor on the operator's client that, once armed, lets another writer change an object just before the
 * operator's own request for it goes out: the operator's write then races a real concurrent update, every time.
 */
final class ConflictInjector implements Interceptor {
  /** What to intercept and what the other writer does. */
  record Armed(java.util.Set<String> methods, String pathSuffix, Runnable concurrentWrite) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();

  /** Arms for the next request with one of these methods whose path ends with the suffix. */
  void arm(java.util.Set<String> methods, String pathSuffix, Runnable concurrentWrite) {
    armed.set(new Armed(methods, pathSuffix, concurrentWrite));
  }

  /** @return true once the armed request went out (after the concurrent write) */
  boolean fired() {
    return armed.get() == null;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    Armed a = armed.get();
    if (a != null && a.methods().contains(request.method()) && request.uri().getPath().endsWith(a.pathSuffix())
        && armed.compareAndSet(a, null)) {
      a.concurrentWrite().run();
    }
  }

}
