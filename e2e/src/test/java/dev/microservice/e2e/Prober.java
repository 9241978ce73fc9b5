package dev.microservice.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP probes from the node to a pod's IP, as the kubelet runs them: 2xx and 3xx succeed, anything else fails. */
final class Prober {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private Prober() {}

  /** @return whether the probe succeeds now (PodSpecCheck admits httpGet probes only) */
  static boolean probe(Probe probe, Container c, String ip) {
    HTTPGetAction get = probe.getHttpGet();
    try {
      String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port(c, get.getPort()) + path))
          .timeout(Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds()));
      get.getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
      HttpResponse<Void> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() >= 200 && r.statusCode() < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The port number a named or numbered container port stands for. */
  static int port(Container c, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
        .findFirst().orElseThrow(() -> new IllegalStateException("no container port named " + port.getStrVal()));
  }

  static int period(Probe p) {
    return p.getPeriodSeconds() == null ? 10 : p.getPeriodSeconds();
  }

  static int threshold(Probe p) {
    return p.getFailureThreshold() == null ? 3 : p.getFailureThreshold();
  }
}
