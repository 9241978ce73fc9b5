package dev.microservice.model;

/** Whether a Kafka property's value (a string in the manifest) parses as its type, as the Kafka clients parse it. */
final class KafkaPropertyValues {
  private KafkaPropertyValues() {}

  /**
   * @param type the property's type, from {@link KafkaClientProperties}
   * @param value the value, not null
   * @return what the value must be, or null when it parses
   */
  static String expected(String type, String value) {
    String v = value.strip();
    return switch (type) {
      case "BOOLEAN" -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "true or false";
      case "INT" -> parses(() -> Integer.parseInt(v), "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
      case "SHORT" -> parses(() -> Short.parseShort(v), "a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE);
      case "LONG" -> parses(() -> Long.parseLong(v), "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
      case "DOUBLE" -> parses(() -> Double.parseDouble(v), "a number");
      default -> null; // STRING, LIST, CLASS, PASSWORD: any text
    };
  }

  private static String parses(Runnable parse, String expected) {
    try {
      parse.run();
      return null;
    } catch (NumberFormatException e) {
      return expected;
    }
  }
}
