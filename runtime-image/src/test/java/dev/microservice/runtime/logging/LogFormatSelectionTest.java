package dev.microservice.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** json names the JSON provider for SLF4J; text, nothing and a wrong value leave slf4j-simple. */
class LogFormatSelectionTest {
  @AfterEach
  void clear() {
    System.clearProperty(LogFormatSelection.PROVIDER_PROPERTY);
    System.clearProperty(LogFormatSelection.VERBOSITY_PROPERTY);
  }

  @Test
  void jsonNamesTheJsonProviderAndKeepsSlf4jsOwnTextLinesToErrors() {
    LogFormatSelection.select(" JSON ", "LOG_FORMAT");
    assertThat(System.getProperty("slf4j.provider")).isEqualTo(JsonServiceProvider.class.getName());
    assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("ERROR");
  }

  @Test
  void textNothingAndAWrongValueKeepTheDefault() {
    LogFormatSelection.select("text", "LOG_FORMAT");
    LogFormatSelection.select(null, "LOG_FORMAT");
    LogFormatSelection.select("xml", "LOG_FORMAT");
    assertThat(System.getProperty("slf4j.provider")).isNull();
  }

  @Test
  void aProviderChosenOnTheCommandLineWins() {
    System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
    LogFormatSelection.select("json", "LOG_FORMAT");
    assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.slf4j.simple.SimpleServiceProvider");
  }
}
