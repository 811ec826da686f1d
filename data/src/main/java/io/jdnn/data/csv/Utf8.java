package io.jdnn.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a file stops being UTF-8, for the message: the CSV parser reads ahead, so when its decoder
 * fails the line it reached says nothing; this decodes the file again, counting lines.
 */
final class Utf8 {
  private Utf8() {}

  /** {@code "byte 9 (line 2) ..."}: the first malformed byte sequence, or why it cannot be found. */
  static String firstMalformed(Path file) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(1 << 14);
    CharBuffer chars = CharBuffer.allocate(1 << 14);
    long consumed = 0;
    long line = 1;
    try (InputStream in = Files.newInputStream(file)) {
      boolean end = false;
      while (true) {
        if (!end) {
          int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
          if (n < 0) {
            end = true;
          } else {
            bytes.position(bytes.position() + n);
          }
        }
        bytes.flip();
        int before = bytes.position();
        CoderResult result = decoder.decode(bytes, chars, end);
        consumed += bytes.position() - before;
        chars.flip();
        while (chars.hasRemaining()) {
          if (chars.get() == '\n') {
            line++;
          }
        }
        chars.clear();
        if (result.isError()) {
          return String.format(Locale.ROOT, "the %d byte(s) at offset %,d (line %d) are not valid UTF-8; save the"
              + " file as UTF-8", result.length(), consumed, line);
        }
        bytes.compact();
        if (end && result.isUnderflow()) {
          return "a byte sequence is not valid UTF-8; save the file as UTF-8";
        }
      }
    } catch (IOException e) {
      return "a byte sequence is not valid UTF-8 (" + CsvTable.describe(e) + ")";
    }
  }
}
