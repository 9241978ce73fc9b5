package dev.microservice.runtime.tracing;

import dev.microservice.runtime.StartupException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The standard {@code OTEL_*} variables the runtime honours for traces, read and checked once at
 * start-up: a bad value stops the start with a message naming the variable (header values are never shown).
 *
 * @param endpoint where spans go (the full URL for http/protobuf), or null when export is off
 * @param protocol {@code grpc} or {@code http/protobuf}
 * @param headers extra export request headers (OTEL_EXPORTER_OTLP_[TRACES_]HEADERS)
 * @param compression {@code gzip} or {@code none}
 * @param timeout the export timeout
 * @param sampler the sampler's name, as OTEL_TRACES_SAMPLER spells it
 * @param ratio the sampler's ratio, for the ratio samplers
 * @param serviceName the resource's service.name
 * @param resource further resource attributes (OTEL_RESOURCE_ATTRIBUTES)
 * @param batch the batch span processor's settings (OTEL_BSP_*)
 */
public record TracingSettings(String endpoint, String protocol, Map<String, String> headers, String compression,
    Duration timeout, String sampler, double ratio, String serviceName, Map<String, String> resource, Batch batch) {

  /**
   * The batch span processor's schedule delay, queue size, batch size and export timeout. The
   * runtime's defaults differ from the SDK's (queue 2048, batch 512) where the variables are unset: a
   * runtime handles many thousand requests a second, each a span, and the processor exports one
   * batch at a time, waiting for each; a queue of {@value #DEFAULT_QUEUE} spans and batches of
   * {@value #DEFAULT_SIZE} drop fewer spans under load for fewer, larger export calls (see docs/benchmarks.md).
   */
  public record Batch(Duration delay, int queue, int size, Duration timeout) {
    /** The runtime's OTEL_BSP_MAX_QUEUE_SIZE default. */
    public static final int DEFAULT_QUEUE = 8192;
    /** The runtime's OTEL_BSP_MAX_EXPORT_BATCH_SIZE default. */
    public static final int DEFAULT_SIZE = 2048;
  }

  /** The samplers OTEL_TRACES_SAMPLER may name. */
  static final java.util.List<String> SAMPLERS = java.util.List.of("always_on", "always_off", "traceidratio",
      "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio");

  /** @return whether spans are exported */
  public boolean exporting() {
    return endpoint != null;
  }

  /**
   * Reads the settings.
   *
   * @param env the environment
   * @param microservice the MicroService's name: service.name unless OTEL_SERVICE_NAME (or service.name
   *     in OTEL_RESOURCE_ATTRIBUTES) says otherwise
   * @throws StartupException naming the variable whose value is bad
   */
  public static TracingSettings fromEnv(Map<String, String> env, String microservice) {
    EnvReader r = new EnvReader(env);
    String exporter = r.get("OTEL_TRACES_EXPORTER", "otlp").toLowerCase(Locale.ROOT);
    if (!exporter.equals("otlp") && !exporter.equals("none")) {
      throw r.bad("OTEL_TRACES_EXPORTER", exporter, "the runtime exports traces with 'otlp' or not at all ('none')");
    }
    String protocolVar = r.has("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ? "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL" : "OTEL_EXPORTER_OTLP_PROTOCOL";
    String protocol = r.get(protocolVar, "http/protobuf"); // the OTLP spec's default (the Java SDK 1.x still says grpc)
    if (!protocol.equals("grpc") && !protocol.equals("http/protobuf")) {
      throw r.bad(protocolVar, protocol, "use 'grpc' or 'http/protobuf'");
    }
    String sampler = r.get("OTEL_TRACES_SAMPLER", "parentbased_always_on").toLowerCase(Locale.ROOT);
    if (!SAMPLERS.contains(sampler)) {
      throw r.bad("OTEL_TRACES_SAMPLER", sampler, "use one of " + String.join(", ", SAMPLERS));
    }
    double ratio = sampler.endsWith("traceidratio") ? r.ratio("OTEL_TRACES_SAMPLER_ARG") : 1.0;
    Map<String, String> resource = r.pairs("OTEL_RESOURCE_ATTRIBUTES", true);
    String serviceName = r.get("OTEL_SERVICE_NAME", resource.getOrDefault("service.name", microservice));
    resource.remove("service.name");
    String endpoint = exporter.equals("none") ? null : endpoint(r, protocol);
    String compressionVar = r.has("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION") ? "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION"
        : "OTEL_EXPORTER_OTLP_COMPRESSION";
    String compression = r.get(compressionVar, "none");
    if (!compression.equals("gzip") && !compression.equals("none")) {
      throw r.bad(compressionVar, compression, "use 'gzip' or 'none'");
    }
    Map<String, String> headers = r.pairs("OTEL_EXPORTER_OTLP_HEADERS", false);
    headers.putAll(r.pairs("OTEL_EXPORTER_OTLP_TRACES_HEADERS", false));
    Duration timeout = r.millis(r.has("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") ? "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"
        : "OTEL_EXPORTER_OTLP_TIMEOUT", 10_000);
    Batch batch = new Batch(r.millis("OTEL_BSP_SCHEDULE_DELAY", 5000), r.positive("OTEL_BSP_MAX_QUEUE_SIZE", Batch.DEFAULT_QUEUE),
        r.positive("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", Batch.DEFAULT_SIZE), r.millis("OTEL_BSP_EXPORT_TIMEOUT", 30_000));
    return new TracingSettings(endpoint, protocol, Map.copyOf(headers), compression, timeout, sampler, ratio, serviceName,
        Map.copyOf(resource), batch);
  }

  /** The traces endpoint; null (export off) when no endpoint variable is set. */
  private static String endpoint(EnvReader r, String protocol) {
    if (r.has("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) {
      return r.url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    }
    if (!r.has("OTEL_EXPORTER_OTLP_ENDPOINT")) {
      return null;
    }
    String base = r.url("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (protocol.equals("grpc")) {
      return base;
    }
    return (base.endsWith("/") ? base : base + "/") + "v1/traces";
  }

  /** Reads variables, treating blank as unset, and words the errors. */
  private record EnvReader(Map<String, String> env) {
    boolean has(String name) {
      String v = env.get(name);
      return v != null && !v.isBlank();
    }

    String get(String name, String fallback) {
      return has(name) ? env.get(name).trim() : fallback;
    }

    StartupException bad(String name, String value, String advice) {
      return new StartupException(name + ": '" + value + "' is not valid; " + advice);
    }

    String url(String name) {
      String value = get(name, null);
      try {
        URI uri = new URI(value);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return value;
        }
      } catch (java.net.URISyntaxException e) {
        // worded below
      }
      throw new StartupException(name + ": '" + value + "' is not an http:// or https:// URL with a host");
    }

    double ratio(String name) {
      String value = get(name, "1.0");
      try {
        double ratio = Double.parseDouble(value);
        if (ratio >= 0 && ratio <= 1) {
          return ratio;
        }
      } catch (NumberFormatException e) {
        // worded below
      }
      throw bad(name, value, "the sampling ratio must be a number from 0 to 1");
    }

    Duration millis(String name, long fallback) {
      return Duration.ofMillis(number(name, fallback, 0));
    }

    int positive(String name, int fallback) {
      return (int) number(name, fallback, 1);
    }

    private long number(String name, long fallback, long min) {
      String value = get(name, String.valueOf(fallback));
      try {
        long n = Long.parseLong(value);
        if (n >= min && n <= Integer.MAX_VALUE) {
          return n;
        }
      } catch (NumberFormatException e) {
        // worded below
      }
      throw bad(name, value, "expected a whole number of at least " + min);
    }

    /** {@code key=value,key=value}, values percent-decoded; header values (secrets) never in the message. */
    Map<String, String> pairs(String name, boolean showValue) {
      Map<String, String> pairs = new LinkedHashMap<>();
      if (!has(name)) {
        return pairs;
      }
      for (String item : env.get(name).split(",")) {
        if (item.isBlank()) {
          continue;
        }
        int eq = item.indexOf('=');
        if (eq <= 0) {
          String shown = showValue ? "'" + item.trim() + "'" : "an entry";
          throw new StartupException(name + ": " + shown + " is not key=value; expected key1=value1,key2=value2");
        }
        pairs.put(item.substring(0, eq).trim(), URLDecoder.decode(item.substring(eq + 1).trim(), StandardCharsets.UTF_8));
      }
      return pairs;
    }
  }
}
