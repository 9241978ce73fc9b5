/**
 * The endpoint SDK: implement {@link dev.microservice.endpoint.Endpoint}, list the class in
 * {@code META-INF/services/dev.microservice.endpoint.Endpoint}, and put the jar in an endpoint image.
 *
 * <p>The runtime calls {@link dev.microservice.endpoint.Endpoint#init} once, then
 * {@link dev.microservice.endpoint.Endpoint#handle} concurrently from many threads, then
 * {@link dev.microservice.endpoint.Endpoint#close} once at shutdown.
 */
package dev.microservice.endpoint;
