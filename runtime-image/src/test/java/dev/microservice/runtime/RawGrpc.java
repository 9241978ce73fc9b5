package dev.microservice.runtime;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Calls {@code rpc.MessageService/Command} with arbitrary bytes as the request: corrupt protobuf, as an attacker sends it. */
public final class RawGrpc {
  static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
  static final MethodDescriptor<byte[], byte[]> COMMAND = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("rpc.MessageService/Command")
      .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

  private RawGrpc() {}

  /** @return the status of one call with these bytes as the request */
  public static Status call(Channel channel, byte[] request) {
    try {
      ClientCalls.blockingUnaryCall(channel, COMMAND, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }
}
