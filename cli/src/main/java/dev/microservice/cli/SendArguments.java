package dev.microservice.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What both send commands take: where the message goes, what it says, how long to wait. */
final class SendArguments {
  @Option(names = "--timeout", defaultValue = "10s", description = "How long to wait, e.g. 500ms, 10s (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Parameters(index = "0", paramLabel = "<namespace>/<service>", description = "Where the message goes, e.g. greeter/hello (for Kafka the namespace is the topic).")
  String target;

  @Parameters(index = "1", paramLabel = "<payload>", description = "The message, sent as UTF-8.")
  String payload;

  Target target() {
    return Target.parse(target);
  }

  Duration timeout() {
    return Durations.parse("--timeout", timeout);
  }
}
