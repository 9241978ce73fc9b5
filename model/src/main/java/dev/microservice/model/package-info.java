/**
 * The {@code MicroService} manifest as Java types, its YAML parser and its validator.
 *
 * <p>{@link dev.microservice.model.ManifestParser} turns YAML into a
 * {@link dev.microservice.model.Manifest}; every problem found comes back as a
 * {@link dev.microservice.model.Problem} naming the field's path.
 */
package dev.microservice.model;
