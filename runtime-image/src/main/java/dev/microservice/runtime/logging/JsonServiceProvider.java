package dev.microservice.runtime.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J 2 provider writing one JSON object a line. Not registered for the class path scan (slf4j-simple is the
 * provider found there); {@link LogFormatSelection} names it in {@code slf4j.provider} when the format is json.
 */
public final class JsonServiceProvider implements SLF4JServiceProvider {
  private JsonLoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    mdcAdapter = new BasicMDCAdapter();
    markerFactory = new BasicMarkerFactory();
    LogLevels levels = LogLevels.fromConfiguration();
    loggerFactory = new JsonLoggerFactory(levels, JsonLogWriter.configured(levels), mdcAdapter);
  }
}
