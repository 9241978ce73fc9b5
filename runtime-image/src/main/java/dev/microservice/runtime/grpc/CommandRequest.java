package dev.microservice.runtime.grpc;

import dev.microservice.rpc.RPCMessage;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import java.io.InputStream;

/**
 * A request of {@code rpc.MessageService/Command} as received: the message, or why its bytes are
 * not an {@code RPCMessage}. Catching the parse failure here, not letting gRPC's marshaller throw,
 * lets a corrupt request get INVALID_ARGUMENT from the handler instead of UNKNOWN and a logged stack trace.
 *
 * @param message the parsed message, or null
 * @param problem why it could not be parsed, or null
 */
record CommandRequest(RPCMessage message, String problem) {
  private static final MethodDescriptor.Marshaller<RPCMessage> PROTO = ProtoUtils.marshaller(RPCMessage.getDefaultInstance());

  /** Reads and writes requests as gRPC's protobuf marshaller does; parse never throws. */
  static final MethodDescriptor.Marshaller<CommandRequest> MARSHALLER = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(CommandRequest value) {
      return PROTO.stream(value.message());
    }

    @Override
    public CommandRequest parse(InputStream stream) {
      try {
        return new CommandRequest(PROTO.parse(stream), null);
      } catch (StatusRuntimeException e) { // "Invalid protobuf byte sequence", caused by protobuf's reason
        Throwable cause = e.getCause();
        return new CommandRequest(null, cause != null && cause.getMessage() != null ? cause.getMessage() : e.getStatus().getDescription());
      }
    }
  };
}
