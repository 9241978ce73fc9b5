package dev.microservice.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a parsed manifest against the rules the schema alone cannot express, and reports every
 * problem with its path. The CRD's CEL rules mirror these checks.
 */
public final class ManifestValidator {
  /** Object names become Deployment and Service names: an RFC 1035 label. */
  public static final String OBJECT_NAME_PATTERN = "^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$";

  private final List<Problem> problems = new ArrayList<>();

  private ManifestValidator() {}

  /**
   * Validates a manifest.
   *
   * @param manifest the parsed manifest
   * @return every problem found, in document order; empty when the manifest is valid
   */
  public static List<Problem> validate(Manifest manifest) {
    ManifestValidator v = new ManifestValidator();
    v.envelope(manifest);
    if (manifest.getSpec() == null) {
      v.add("spec", "is required");
    } else {
      v.spec(manifest.getSpec());
    }
    return v.problems;
  }

  /**
   * Checks that every service maps to an endpoint that exists.
   *
   * @param spec the spec
   * @param available names of the endpoints that were found
   * @return one problem per service whose endpoint is missing
   */
  public static List<Problem> checkEndpoints(MicroServiceSpec spec, Collection<String> available) {
    ManifestValidator v = new ManifestValidator();
    String list = available.isEmpty() ? "(none found)" : String.join(", ", new TreeSet<>(available));
    forEachService(
        spec,
        (path, service) -> {
          if (service.getEndpoint() != null && !available.contains(service.getEndpoint())) {
            v.add(path + ".endpoint", "no endpoint named " + Echo.quoted(service.getEndpoint()) + "; available: " + list);
          }
        });
    return v.problems;
  }

  /** Visits every service with its path. */
  static void forEachService(MicroServiceSpec spec, ServiceVisitor visitor) {
    List<ServerSpec> servers = nonNull(spec.getServers());
    for (int s = 0; s < servers.size(); s++) {
      List<NamespaceSpec> namespaces =
          servers.get(s) == null ? List.of() : nonNull(servers.get(s).getNamespaces());
      for (int n = 0; n < namespaces.size(); n++) {
        List<ServiceSpec> services =
            namespaces.get(n) == null ? List.of() : nonNull(namespaces.get(n).getServices());
        for (int i = 0; i < services.size(); i++) {
          if (services.get(i) != null) {
            visitor.visit(
                "spec.servers[" + s + "].namespaces[" + n + "].services[" + i + "]",
                services.get(i));
          }
        }
      }
    }
  }

  /** Receives one service and its path. */
  interface ServiceVisitor {
    void visit(String path, ServiceSpec service);
  }

  private void envelope(Manifest m) {
    if (!Manifest.API_VERSION.equals(m.getApiVersion())) {
      add("apiVersion", "must be " + Manifest.API_VERSION + ", got " + quote(m.getApiVersion()));
    }
    if (!Manifest.KIND.equals(m.getKind())) {
      add("kind", "must be " + Manifest.KIND + ", got " + quote(m.getKind()));
    }
    if (m.getMetadata() == null) {
      add("metadata.name", "is required");
    } else {
      name("metadata.name", m.getMetadata().getName(), OBJECT_NAME_PATTERN,
          "lower-case letters, digits and '-', at most 63 characters, starting with a letter");
    }
  }

  private void spec(MicroServiceSpec spec) {
    range("spec.replicas", spec.getReplicas(), 0, MicroServiceSpec.MAX_REPLICAS);
    range("spec.drainTimeoutSeconds", spec.getDrainTimeoutSeconds(), 0, 3600);
    new AutoscalingValidator(problems).validate(spec, this::range);
    new ObservabilityValidator(problems).validate(spec);
    if (spec.getConfig() != null) {
      spec.getConfig().forEach((k, v) -> {
        if (v == null) {
          add("spec.config." + k, "must be a string, got null");
        }
      });
    }
    List<ServerSpec> servers = spec.getServers();
    if (servers == null || servers.isEmpty()) {
      add("spec.servers", "must list at least one server");
      return;
    }
    unique(servers, "spec.servers", "server", ServerSpec::getName);
    Map<Integer, String> grpcPorts = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      if (present("spec.servers[" + i + "]", servers.get(i))) {
        server("spec.servers[" + i + "]", servers.get(i), grpcPorts);
      }
    }
  }

  private void server(String path, ServerSpec server, Map<Integer, String> grpcPorts) {
    name(path + ".name", server.getName(), ServerSpec.NAME_PATTERN,
        "lower-case letters, digits and '-', at most 15 characters, starting with a letter");
    if (server.getGrpc() != null && server.getKafka() != null) {
      add(path, "set exactly one of 'grpc' or 'kafka', not both");
    } else if (server.getGrpc() == null && server.getKafka() == null) {
      add(path, "set exactly one of 'grpc' or 'kafka'; neither is set");
    }
    if (server.getGrpc() != null) {
      grpc(path, server, grpcPorts);
    }
    if (server.getKafka() != null) {
      new KafkaSpecValidator(problems).validate(path, this::range, server);
    }
    List<NamespaceSpec> namespaces = server.getNamespaces();
    if (namespaces == null || namespaces.isEmpty()) {
      add(path + ".namespaces", "must list at least one namespace");
      return;
    }
    unique(namespaces, path + ".namespaces", "namespace", NamespaceSpec::getName);
    for (int n = 0; n < namespaces.size(); n++) {
      if (present(path + ".namespaces[" + n + "]", namespaces.get(n))) {
        namespace(path + ".namespaces[" + n + "]", namespaces.get(n));
      }
    }
  }

  private void grpc(String serverPath, ServerSpec server, Map<Integer, String> grpcPorts) {
    String path = serverPath + ".grpc";
    GrpcServerSpec grpc = server.getGrpc();
    Integer port = grpc.getPort();
    if (port == null) {
      add(path + ".port", "is required");
    } else if (range(path + ".port", port, 1, 65535)) {
      String previous = grpcPorts.putIfAbsent(port, path + ".port");
      if (previous != null) {
        add(path + ".port", "port " + port + " is already used by " + previous);
      }
    }
    SecretChecks secrets = new SecretChecks(problems);
    SecretReferences.slots(serverPath, server).stream().filter(r -> r.field().isGrpc()).forEach(r -> secrets.check(r, true));
    if (grpc.getMaxInboundMessageBytes() != null) {
      range(path + ".maxInboundMessageBytes", grpc.getMaxInboundMessageBytes(), 1, Integer.MAX_VALUE);
    }
  }

  private void namespace(String path, NamespaceSpec namespace) {
    name(path + ".name", namespace.getName(), NamespaceSpec.NAME_PATTERN,
        "letters, digits, '.', '_' and '-', at most 249 characters");
    List<ServiceSpec> services = namespace.getServices();
    if (services == null || services.isEmpty()) {
      add(path + ".services", "must list at least one service");
      return;
    }
    unique(services, path + ".services", "service", ServiceSpec::getName);
    for (int i = 0; i < services.size(); i++) {
      String p = path + ".services[" + i + "]";
      ServiceSpec service = services.get(i);
      if (!present(p, service)) {
        continue;
      }
      String rule = "letters, digits, '.', '_' and '-'";
      name(p + ".name", service.getName(), ServiceSpec.NAME_PATTERN, rule);
      name(p + ".endpoint", service.getEndpoint(), ServiceSpec.NAME_PATTERN, rule);
    }
  }

  private <T> void unique(List<T> items, String path, String what, Function<T, String> name) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String n = items.get(i) == null ? null : name.apply(items.get(i));
      if (n == null) {
        continue;
      }
      Integer first = seen.putIfAbsent(n, i);
      if (first != null) {
        add(path + "[" + i + "].name", "duplicate " + what + " name " + Echo.quoted(n) + " (first at " + path + "[" + first + "])");
      }
    }
  }

  private void name(String path, String value, String pattern, String rule) {
    if (value == null || value.isEmpty()) {
      add(path, "is required");
    } else if (!Pattern.matches(pattern, value)) {
      add(path, Echo.quoted(value) + " is not a valid name: " + rule);
    }
  }

  private boolean range(String path, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      add(path, "must be between " + min + " and " + max + ", got " + value);
      return false;
    }
    return true;
  }

  private boolean present(String path, Object item) {
    if (item == null) {
      add(path, "is empty; expected an object");
    }
    return item != null;
  }

  private void add(String path, String message) {
    problems.add(new Problem(path, message));
  }

  private static String quote(String s) {
    return Echo.quoted(s);
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
