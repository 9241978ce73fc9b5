package dev.microservice.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Generates what a hostile or careless client sends: odd names and envelopes, with a secret in the payload. */
public final class HostileRequests {
  /** Planted in payloads: errors never repeat it. */
  public static final String SECRET = "Xq7-S3cr3t~";

  private HostileRequests() {}

  public static byte[] payload(Random random) {
    String service = random.nextInt(5) == 0 ? text(random, 30) : random.nextBoolean() ? "echo" : "ctx";
    String message = switch (random.nextInt(6)) {
      case 0 -> "\"" + SECRET + "\"";
      case 1 -> "[".repeat(random.nextInt(3000)) + "]".repeat(random.nextInt(3000));
      case 2 -> "{\"" + SECRET + "\": 1, \"" + SECRET + "\": 2}";
      case 3 -> "\"" + "x".repeat(random.nextInt(1_000_000)) + "\"";
      case 4 -> "9".repeat(random.nextInt(3000));
      default -> "{\"a\": [1, 2, {\"b\": null}]}";
    };
    String json = switch (random.nextInt(7)) {
      case 0 -> "{\"service\": \"" + service + "\", \"service_message\": " + message + "}";
      case 1 -> "{\"service\": \"" + service + "\", \"service\": \"" + service + "\", \"service_message\": " + message + "}";
      case 2 -> "{\"service\": \"" + service + "\", \"service_message\": " + message + "} " + SECRET;
      case 3 -> "{\"service\": " + SECRET + "}";
      case 4 -> SECRET + text(random, 50);
      case 5 -> "{" + text(random, random.nextInt(100)) + SECRET;
      default -> "{\"service\": \"" + service + "\", \"service_message\": " + message;
    };
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(4) == 0 && bytes.length > 2) {
      bytes[1 + random.nextInt(bytes.length - 1)] = (byte) (0x80 + random.nextInt(0x80));
    }
    return bytes;
  }

  public static String text(Random random, int length) {
    String odd = "ab-_.\u0000\n\r\t\u007f\u00e9\u4e2d\ud83d\ude00'\"\\{}";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(odd.charAt(random.nextInt(odd.length())));
    }
    return sb.toString();
  }
}
