package dev.microservice.runtime.logging;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * The text log format: slf4j-simple's loggers and lines, unchanged, with a working MDC. slf4j-simple's own provider
 * discards MDC entries, and endpoints read the request's trace ids from the MDC in either format.
 */
public final class TextServiceProvider extends SimpleServiceProvider {
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }
}
