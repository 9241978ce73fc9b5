package dev.microservice.runtime.tracing;

import io.grpc.CallOptions;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends OTLP/gRPC exports over the runtime's own grpc-java, so that the OTLP exporter needs neither
 * OkHttp nor a further gRPC stack. Registered for the SDK's {@link GrpcSenderProvider} lookup.
 */
public final class GrpcJavaSender implements GrpcSender {
  /**
   * Writes an export straight into gRPC's outgoing buffers ({@link Drainable}): no byte[] copy of
   * the batch per export.
   */
  private static final MethodDescriptor.Marshaller<MessageWriter> EXPORT = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(MessageWriter value) {
      return new ExportStream(value);
    }

    @Override
    public MessageWriter parse(InputStream stream) {
      throw new UnsupportedOperationException("the sender only writes exports");
    }
  };

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private final ManagedChannel channel;
  private final MethodDescriptor<MessageWriter, byte[]> method;
  private final GrpcSenderConfig config;

  private GrpcJavaSender(GrpcSenderConfig config) {
    URI endpoint = config.getEndpoint();
    boolean tls = "https".equals(endpoint.getScheme());
    int port = endpoint.getPort() != -1 ? endpoint.getPort() : tls ? 443 : 80;
    ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forAddress(endpoint.getHost(), port);
    this.channel = (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
    this.method = MethodDescriptor.<MessageWriter, byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(config.getFullMethodName()).setRequestMarshaller(EXPORT).setResponseMarshaller(BYTES).build();
    this.config = config;
  }

  /** The SPI entry the OTLP gRPC exporter finds through {@link java.util.ServiceLoader}. */
  public static final class Provider implements GrpcSenderProvider {
    @Override
    public GrpcSender createSender(GrpcSenderConfig config) {
      return new GrpcJavaSender(config);
    }
  }

  @Override
  public void send(MessageWriter writer, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
    CallOptions options = CallOptions.DEFAULT;
    if (config.getTimeout().toNanos() > 0) {
      options = options.withDeadlineAfter(config.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    if (config.getCompressor() != null) {
      options = options.withCompression(config.getCompressor().getEncoding()); // grpc-java's own gzip codec
    }
    ClientCall<MessageWriter, byte[]> call = channel.newCall(method, options);
    ClientCalls.asyncUnaryCall(new HeaderCall(call, headers()), writer, new StreamObserver<>() {
      private byte[] reply = new byte[0];

      @Override
      public void onNext(byte[] value) {
        reply = value;
      }

      @Override
      public void onError(Throwable t) {
        Status status = Status.fromThrowable(t);
        onResponse.accept(response(GrpcStatusCode.fromValue(status.getCode().value()), status.getDescription(), new byte[0]));
      }

      @Override
      public void onCompleted() {
        onResponse.accept(response(GrpcStatusCode.OK, null, reply));
      }
    });
  }

  private Metadata headers() {
    Metadata metadata = new Metadata();
    Map<String, List<String>> headers = config.getHeadersSupplier() == null ? null : config.getHeadersSupplier().get();
    if (headers != null) {
      headers.forEach((k, v) -> metadata.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), String.join(",", v)));
    }
    return metadata;
  }

  private static GrpcResponse response(GrpcStatusCode code, String description, byte[] message) {
    return new GrpcResponse() {
      @Override
      public GrpcStatusCode getStatusCode() {
        return code;
      }

      @Override
      public String getStatusDescription() {
        return description;
      }

      @Override
      public byte[] getResponseMessage() {
        return message;
      }
    };
  }

  @Override
  public CompletableResultCode shutdown() {
    channel.shutdownNow();
    return CompletableResultCode.ofSuccess();
  }

  /** A call that adds the export headers when it starts. */
  private static final class HeaderCall extends io.grpc.ForwardingClientCall.SimpleForwardingClientCall<MessageWriter, byte[]> {
    private final Metadata extra;

    HeaderCall(ClientCall<MessageWriter, byte[]> call, Metadata extra) {
      super(call);
      this.extra = extra;
    }

    @Override
    public void start(Listener<byte[]> listener, Metadata headers) {
      headers.merge(extra);
      super.start(listener, headers);
    }
  }

  /** An export as gRPC's outgoing message: drained into the call's buffers, read byte by byte only as a fallback. */
  private static final class ExportStream extends InputStream implements Drainable, KnownLength {
    private final MessageWriter writer;
    private InputStream copy;
    private boolean drained;

    ExportStream(MessageWriter writer) {
      this.writer = writer;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      if (copy != null) {
        return (int) copy.transferTo(target);
      }
      drained = true;
      writer.writeMessage(target);
      return writer.getContentLength();
    }

    @Override
    public int available() throws IOException {
      return copy != null ? copy.available() : drained ? 0 : writer.getContentLength();
    }

    @Override
    public int read() throws IOException {
      return buffered().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return buffered().read(b, off, len);
    }

    private InputStream buffered() throws IOException {
      if (copy == null) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(drained ? 0 : writer.getContentLength());
        if (!drained) {
          writer.writeMessage(out);
        }
        drained = true;
        copy = new ByteArrayInputStream(out.toByteArray());
      }
      return copy;
    }
  }
}
