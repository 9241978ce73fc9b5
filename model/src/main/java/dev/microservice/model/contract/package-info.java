/**
 * The names the operator, the runtime, the CLI and the benchmarks agree on: the runtime's command
 * line, ports, mount paths and pod environment ({@link dev.microservice.model.contract.RuntimeContract}),
 * and the Kafka record headers of a request, its reply and its dead letter
 * ({@link dev.microservice.model.contract.KafkaHeaderNames}). Each name is written here once.
 */
package dev.microservice.model.contract;
