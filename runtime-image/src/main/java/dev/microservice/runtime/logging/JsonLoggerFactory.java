package dev.microservice.runtime.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.spi.MDCAdapter;

/** Makes one {@link JsonLogger} a name, each at the level {@link LogLevels} gives that name. */
final class JsonLoggerFactory implements ILoggerFactory {
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final LogLevels levels;
  private final JsonLogWriter writer;
  private final MDCAdapter mdc;

  JsonLoggerFactory(LogLevels levels, JsonLogWriter writer, MDCAdapter mdc) {
    this.levels = levels;
    this.writer = writer;
    this.mdc = mdc;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new JsonLogger(n, levels.levelOf(n), writer, mdc));
  }
}
