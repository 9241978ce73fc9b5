package dev.microservice.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a manifest file as UTF-8 text, refusing it before reading it whole when it is larger than
 * {@link ManifestLimits#MAX_BYTES}, and naming the position of bytes that are not UTF-8.
 */
public final class ManifestText {
  private ManifestText() {}

  /**
   * @param file the manifest file
   * @return its text
   * @throws ManifestException when it is too large or not UTF-8
   * @throws UncheckedIOException when it cannot be read
   */
  public static String read(Path file) {
    String source = file.toString();
    try {
      if (Files.isRegularFile(file)) {
        ManifestLimits.checkSize(Files.size(file), source);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(ManifestLimits.MAX_BYTES + 1); // a pipe or a growing file has no size up front
      }
      ManifestLimits.checkSize(bytes.length, source);
      return decode(bytes, source);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read manifest " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }

  /**
   * @param bytes the manifest's bytes
   * @param source where they came from, for the message
   * @return the text
   * @throws ManifestException naming the line and column of the first byte that is not UTF-8
   */
  public static String decode(byte[] bytes, String source) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return utf8.decode(in).toString();
    } catch (CharacterCodingException e) {
      throw new ManifestException(source, List.of(notUtf8(bytes)));
    }
  }

  /**
   * @param text a manifest
   * @return its size in UTF-8 bytes, counted without encoding it
   */
  public static long utf8Length(String text) {
    if ((long) text.length() * 3 <= ManifestLimits.MAX_BYTES) {
      return text.length(); // small enough either way: the exact size does not matter
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  /**
   * @param text a manifest
   * @return the first character YAML does not allow (a control character, a lone surrogate), or null
   */
  static Problem badCharacter(String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      int c = text.codePointAt(i);
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
          || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      if (!allowed) {
        return Problem.at(line, column,
            String.format("the character U+%04X is not allowed in YAML; remove it or write it as an escape in a double-quoted string", c));
      }
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      if (c > 0xFFFF) {
        i++;
      }
    }
    return null;
  }

  private static Problem notUtf8(byte[] bytes) {
    int bad = Math.max(0, Math.min(firstInvalidUtf8(bytes), bytes.length - 1));
    String before = new String(bytes, 0, bad, StandardCharsets.UTF_8);
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int column = before.length() - before.lastIndexOf('\n');
    return Problem.at(line, column,
        String.format("not UTF-8 (byte 0x%02x); save the manifest as UTF-8", bytes[bad] & 0xff));
  }

  /**
   * @param bytes text that should be UTF-8
   * @return the index of its first byte that is not UTF-8, or -1 when all are
   */
  public static int firstInvalidUtf8(byte[] bytes) {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    return utf8.decode(in, out, true).isError() ? in.position() : -1;
  }
}
