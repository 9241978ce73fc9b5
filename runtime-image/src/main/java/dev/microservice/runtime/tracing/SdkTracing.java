package dev.microservice.runtime.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tracing with the OpenTelemetry SDK: sampled spans go through a batch processor to the OTLP exporter. */
final class SdkTracing implements Tracing {
  private static final Logger LOG = LoggerFactory.getLogger(SdkTracing.class);
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<HeaderReader> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HeaderReader carrier) {
      return List.of(RequestSpan.TRACEPARENT, RequestSpan.TRACESTATE);
    }

    @Override
    public String get(HeaderReader carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final String microservice;
  private final SdkTracerProvider provider;
  private final Tracer tracer;

  private SdkTracing(String microservice, SdkTracerProvider provider) {
    this.microservice = microservice;
    this.provider = provider;
    this.tracer = provider.get("dev.microservice.runtime");
  }

  static SdkTracing start(TracingSettings settings, String microservice) {
    TracingSettings.Batch batch = settings.batch();
    BatchSpanProcessor processor = BatchSpanProcessor.builder(SpanExporters.otlp(settings))
        .setScheduleDelay(batch.delay())
        .setMaxQueueSize(batch.queue())
        .setMaxExportBatchSize(Math.min(batch.size(), batch.queue()))
        .setExporterTimeout(batch.timeout())
        .build();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(resource(settings, microservice))
        .setSampler(sampler(settings))
        .addSpanProcessor(processor)
        .build();
    LOG.info("Tracing: exporting spans over OTLP ({}) to {} as service '{}', sampler {}{}", settings.protocol(),
        settings.endpoint(), settings.serviceName(), settings.sampler(),
        settings.sampler().endsWith("ratio") ? " " + settings.ratio() : "");
    return new SdkTracing(microservice, provider);
  }

  private static Resource resource(TracingSettings settings, String microservice) {
    AttributesBuilder attributes = Attributes.builder();
    settings.resource().forEach(attributes::put);
    attributes.put("service.name", settings.serviceName());
    attributes.put(SpanNames.MICROSERVICE, microservice);
    return Resource.getDefault().merge(Resource.create(attributes.build()));
  }

  static Sampler sampler(TracingSettings settings) {
    return switch (settings.sampler()) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(settings.ratio());
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(settings.ratio()));
      default -> Sampler.parentBased(Sampler.alwaysOn());
    };
  }

  @Override
  public String microservice() {
    return microservice;
  }

  @Override
  public RequestSpan start(Kind kind, String name, SpanConstants constants, HeaderReader incoming) {
    Context parent = W3C.extract(Context.root(), incoming, GETTER);
    Span span = tracer.spanBuilder(name)
        .setParent(parent)
        .setSpanKind(kind == Kind.SERVER ? SpanKind.SERVER : SpanKind.CONSUMER)
        .setAllAttributes(attributes(constants))
        .startSpan();
    return new SdkRequestSpan(span);
  }

  /** The constants as SDK attributes, converted once and kept with them. */
  private static Attributes attributes(SpanConstants constants) {
    Object prepared = constants.prepared();
    if (prepared == null) {
      AttributesBuilder builder = Attributes.builder();
      constants.values().forEach(builder::put);
      prepared = builder.build();
      constants.prepared(prepared);
    }
    return (Attributes) prepared;
  }

  @Override
  public void close() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
  }
}
