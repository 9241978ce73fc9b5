package dev.microservice.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** json names the JSON provider for SLF4J; text, nothing and a wrong value name slf4j-simple's lines with an MDC. */
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
  void textNothingAndAWrongValueNameTheTextProvider() {
    for (String format : new String[] {"text", null, "xml"}) {
      LogFormatSelection.select(format, "LOG_FORMAT");
      assertThat(System.getProperty("slf4j.provider")).isEqualTo(TextServiceProvider.class.getName());
      assertThat(System.getProperty("slf4j.internal.verbosity")).as("no SLF4J note about the named provider").isEqualTo("WARN");
      System.clearProperty(LogFormatSelection.PROVIDER_PROPERTY);
      System.clearProperty(LogFormatSelection.VERBOSITY_PROPERTY);
    }
  }

  @Test
  void theTextProviderKeepsMdcEntriesWhichSlf4jSimpleDiscards() {
    TextServiceProvider provider = new TextServiceProvider();
    provider.initialize();
    provider.getMDCAdapter().put("trace_id", "0af7651916cd43dd8448eb211c80319c");
    assertThat(provider.getMDCAdapter().get("trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(provider.getLoggerFactory().getLogger("x").getClass().getName()).isEqualTo("org.slf4j.simple.SimpleLogger");
  }

  @Test
  void aProviderChosenOnTheCommandLineWins() {
    System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
    LogFormatSelection.select("json", "LOG_FORMAT");
    assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.slf4j.simple.SimpleServiceProvider");
  }
}
