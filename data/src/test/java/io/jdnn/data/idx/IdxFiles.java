package io.jdnn.data.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Small IDX files made by the tests: images and labels with a seeded content, plain or gzip. */
final class IdxFiles {
  private IdxFiles() {}

  /** An images file: magic, count, rows, columns, then the pixels (image after image). */
  static byte[] images(int magic, int count, int rows, int columns, byte[] pixels) {
    ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
    b.putInt(magic).putInt(count).putInt(rows).putInt(columns).put(pixels);
    return b.array();
  }

  /** A labels file: magic, count, then one byte per label. */
  static byte[] labels(int magic, int count, byte[] labels) {
    ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
    b.putInt(magic).putInt(count).put(labels);
    return b.array();
  }

  /** {@code count * rows * columns} seeded pixels. */
  static byte[] pixels(int count, int rows, int columns, long seed) {
    byte[] p = new byte[count * rows * columns];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) rng.nextInt(256);
    }
    return p;
  }

  /** {@code count} labels cycling through 0 to classes - 1. */
  static byte[] cyclingLabels(int count, int classes) {
    byte[] l = new byte[count];
    for (int j = 0; j < count; j++) {
      l[j] = (byte) (j % classes);
    }
    return l;
  }

  static byte[] gzip(byte[] content) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(content);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
