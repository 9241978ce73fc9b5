/**
 * The runtime's log formats: text through slf4j-simple (the default, unchanged) or one JSON object a line through
 * {@link dev.microservice.runtime.logging.JsonServiceProvider}, chosen by {@link LogFormatSelection} from LOG_FORMAT
 * before anything logs.
 */
package dev.microservice.runtime.logging;
