package dev.microservice.cli;

import picocli.CommandLine.Command;

/** {@code msvc send}: one message to a running MicroService. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send one message to a running MicroService and print the reply.",
    subcommands = {SendGrpcCommand.class, SendKafkaCommand.class})
final class SendCommand {
}
