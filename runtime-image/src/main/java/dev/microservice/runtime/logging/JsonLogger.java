package dev.microservice.runtime.logging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;

/** A logger that writes each event enabled at its level as one JSON line, with the MDC and key-value pairs. */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {
  private final int threshold;
  private final transient JsonLogWriter writer;
  private final transient MDCAdapter mdc;

  JsonLogger(String name, int threshold, JsonLogWriter writer, MDCAdapter mdc) {
    this.name = name;
    this.threshold = threshold;
    this.writer = writer;
    this.mdc = mdc;
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold;
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
      Throwable t) {
    write(level, MessageFormatter.basicArrayFormat(pattern, arguments), t, List.of());
  }

  /** The fluent API's events ({@code LOG.atInfo().addKeyValue(...)}), whose key-value pairs become fields. */
  @Override
  public void log(LoggingEvent event) {
    if (enabled(event.getLevel())) {
      String message = MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray());
      List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
      write(event.getLevel(), message, event.getThrowable(), pairs);
    }
  }

  private void write(Level level, String message, Throwable t, List<KeyValuePair> pairs) {
    Map<String, String> context = mdc.getCopyOfContextMap();
    writer.write(JsonLine.format(Instant.now(), level.name(), name, Thread.currentThread().getName(), message, t,
        context == null ? Map.of() : context, pairs));
  }
}
