package dev.microservice.runtime.grpc;

import dev.microservice.rpc.MessageServiceGrpc;
import dev.microservice.rpc.RPCResponse;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.stub.ServerCalls;

/**
 * {@code rpc.MessageService} bound to a {@link CommandHandler}, with the generated method's name and
 * schema (so reflection still describes it) but requests parsed by {@link CommandRequest}.
 */
final class CommandService {
  /** The full name of the Command method. */
  static final String COMMAND = MessageServiceGrpc.getCommandMethod().getFullMethodName();
  /** The service's full name: {@code rpc.MessageService}. */
  static final String SERVICE = MessageServiceGrpc.SERVICE_NAME;
  /** The method's name: {@code Command}. */
  static final String METHOD = MessageServiceGrpc.getCommandMethod().getBareMethodName();

  private CommandService() {}

  static ServerServiceDefinition bind(CommandHandler handler) {
    MethodDescriptor<CommandRequest, RPCResponse> method = MessageServiceGrpc.getCommandMethod()
        .toBuilder(CommandRequest.MARSHALLER, MessageServiceGrpc.getCommandMethod().getResponseMarshaller())
        .build();
    ServiceDescriptor service = ServiceDescriptor.newBuilder(MessageServiceGrpc.SERVICE_NAME)
        .setSchemaDescriptor(MessageServiceGrpc.getServiceDescriptor().getSchemaDescriptor())
        .addMethod(method)
        .build();
    return ServerServiceDefinition.builder(service)
        .addMethod(method, ServerCalls.asyncUnaryCall(handler::command))
        .build();
  }
}
