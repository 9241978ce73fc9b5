package dev.microservice.operator.readiness;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.URLUtils;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The chart's helm test: asks the API server's service proxy for the operator's /readyz and exits 0 on 200. Needs no
 * cluster DNS or kube-proxy (the API server reaches the endpoints), only get on services/proxy.
 */
public final class ReadinessCheck {
  /** Exit code when the operator is ready. */
  public static final int READY = 0;
  /** Exit code when it is not ready, or cannot be asked. */
  public static final int NOT_READY = 1;
  /** Exit code when the environment is incomplete. */
  public static final int MISCONFIGURED = 2;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
  private static final int MAX_BODY = 500;

  private ReadinessCheck() {}

  /**
   * Runs the check with the in-cluster client; READINESS_TIMEOUT_SECONDS (default 60) is how long it retries.
   *
   * @param args none
   */
  public static void main(String[] args) {
    int code;
    // The check retries itself; the client's own retries would hide a 503 for long.
    Config config = new ConfigBuilder().withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      code = run(client, System.getenv(), RETRY_PERIOD, System.out, System.err);
    }
    System.exit(code);
  }

  /**
   * @param client the client whose API server is asked
   * @param env READINESS_NAMESPACE, READINESS_SERVICE, READINESS_PORT, and READINESS_TIMEOUT_SECONDS
   * @param retryPeriod the wait between attempts while not ready
   * @param out where the success goes
   * @param err where failures go
   * @return {@link #READY}, {@link #NOT_READY} or {@link #MISCONFIGURED}
   */
  public static int run(KubernetesClient client, Map<String, String> env, Duration retryPeriod, PrintStream out, PrintStream err) {
    ReadinessTarget target;
    Duration timeout;
    try {
      target = ReadinessTarget.fromEnv(env);
      timeout = timeout(env);
    } catch (IllegalArgumentException e) {
      err.println("Readiness check misconfigured: " + e.getMessage());
      return MISCONFIGURED;
    }
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      String failure = attempt(client, target);
      if (failure == null) {
        out.println("Operator ready: GET /" + target.proxyPath() + " answered 200");
        return READY;
      }
      if (!Instant.now().plus(retryPeriod).isBefore(deadline)) {
        err.println("Operator not ready after " + timeout.toSeconds() + "s: " + failure);
        return NOT_READY;
      }
      err.println("Not ready yet, retrying: " + failure);
      try {
        Thread.sleep(retryPeriod.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        err.println("Interrupted: " + failure);
        return NOT_READY;
      }
    }
  }

  /** @return null when /readyz answered 200, else why not */
  static String attempt(KubernetesClient client, ReadinessTarget target) {
    String url = URLUtils.join(client.getConfiguration().getMasterUrl(), target.proxyPath());
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    HttpResponse<String> response;
    try {
      response = client.getHttpClient().sendAsync(request, String.class).get(REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return "GET " + url + " failed: " + e.getCause();
    } catch (TimeoutException e) {
      return "GET " + url + " did not answer within " + REQUEST_TIMEOUT.toSeconds() * 2 + "s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "GET " + url + " interrupted";
    }
    if (response.code() == 200) {
      return null;
    }
    String message = "GET " + url + " answered " + response.code() + ": " + abbreviate(response.body());
    if (response.code() == 401 || response.code() == 403) {
      message += " (the test's ServiceAccount needs get on services/proxy for " + target.service() + ":" + target.port() + ")";
    } else if (response.code() == 503) {
      message += " (503: the operator's /readyz reports not ready, or the Service " + target.service() + " has no ready endpoint)";
    }
    return message;
  }

  private static Duration timeout(Map<String, String> env) {
    String value = env.getOrDefault("READINESS_TIMEOUT_SECONDS", "60").strip();
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("READINESS_TIMEOUT_SECONDS must be a number of seconds, got '" + value + "'");
    }
  }

  private static String abbreviate(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_BODY ? oneLine : oneLine.substring(0, MAX_BODY) + "…";
  }
}
