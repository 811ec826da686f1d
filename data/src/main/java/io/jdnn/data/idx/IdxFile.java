package io.jdnn.data.idx;

import com.google.common.math.LongMath;
import io.jdnn.data.io.DataFormatException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One file of the IDX format the MNIST distribution uses, plain or gzip-compressed (recognised by
 * its content, not its name): a big-endian header, then the values as unsigned bytes.
 *
 * <pre>
 * offset  type   value
 * 0       int32  magic: 0x00000803 for images (unsigned bytes, 3 dimensions), 0x00000801 for labels (1 dimension)
 * 4       int32  number of items (images or labels)
 * 8       int32  rows        (images only)
 * 12      int32  columns     (images only)
 * 16      bytes  the pixels, image after image, row after row (a label file: one byte per label from offset 8)
 * </pre>
 *
 * <p><b>Guards.</b> The sizes in the header are checked before anything is allocated: with
 * overflow-safe arithmetic, against the length of a plain file (exactly), against the length a
 * gzip file records in its trailer (the uncompressed size modulo 2^32), against the largest Java
 * array and against the free heap. A header declaring 10^9 images is refused in microseconds,
 * never met with an {@link OutOfMemoryError}. Every problem is a {@link DataFormatException} naming
 * the file, the byte offset or item, what was found and what was expected.
 *
 * <pre>{@code
 * IdxImages images = IdxFile.readImages(Path.of("train-images-idx3-ubyte.gz")); // 784 x 60000 bytes
 * byte[] labels = IdxFile.readLabels(Path.of("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class IdxFile {
  /** The magic number of an images file: unsigned bytes (0x08), 3 dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** The magic number of a labels file: unsigned bytes (0x08), 1 dimension. */
  public static final int LABELS_MAGIC = 0x00000801;
  /** The IDX type code of unsigned bytes, the only type the MNIST files use. */
  static final int UNSIGNED_BYTE = 0x08;
  /**
   * Heap needed per pixel by the whole load: the byte here, and the double beside it that
   * {@link io.jdnn.core.math.Matrix#ofUnsignedBytes} makes.
   */
  static final long HEAP_BYTES_PER_PIXEL = 9;
  /** The largest Java array (a few bytes under Integer.MAX_VALUE, as the JDK's own collections assume). */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
  private static final int BUFFER = 1 << 16;

  private IdxFile() {}

  /**
   * The images of {@code file} ({@value #IMAGES_MAGIC} magic), as {@code rows * columns} bytes per
   * image laid out for a {@code features x count} matrix (see {@link IdxImages}).
   *
   * @throws DataFormatException when the file is missing, of another kind, truncated, longer than its
   *     header says, corrupt, or too large for the heap
   */
  public static IdxImages readImages(Path file) {
    try (Reader in = Reader.open(file)) {
      in.magic(IMAGES_MAGIC, 3, "images (count, rows, columns)");
      int count = in.dimension("image count");
      int rows = in.dimension("rows per image");
      int columns = in.dimension("columns per image");
      String declared = String.format(Locale.ROOT, "%,d images of %dx%d", count, rows, columns);
      long features = (long) rows * columns;
      long pixels = checkedProduct(file, declared, features, count);
      long heap = checkedProduct(file, declared, pixels, HEAP_BYTES_PER_PIXEL);
      in.checkLength(16, pixels, declared);
      if (features > MAX_ARRAY || pixels > MAX_ARRAY) {
        throw new DataFormatException(file, "the header declares " + declared + " (" + String.format(Locale.ROOT,
            "%,d", pixels) + " pixels), more than one Java array holds (" + String.format(Locale.ROOT, "%,d", MAX_ARRAY)
            + "); refused before reading");
      }
      checkHeap(file, declared, heap);
      byte[] data = new byte[(int) pixels];
      in.readImages(data, count, (int) features);
      in.requireEnd(16 + pixels, declared);
      return new IdxImages(file, count, rows, columns, data);
    }
  }

  /**
   * The labels of {@code file} ({@value #LABELS_MAGIC} magic), one unsigned byte each.
   *
   * @throws DataFormatException as {@link #readImages}
   */
  public static byte[] readLabels(Path file) {
    try (Reader in = Reader.open(file)) {
      in.magic(LABELS_MAGIC, 1, "labels (count)");
      int count = in.dimension("label count");
      String declared = String.format(Locale.ROOT, "%,d labels", count);
      in.checkLength(8, count, declared);
      checkHeap(file, declared, count);
      byte[] labels = new byte[count];
      in.readFully(labels, 0, count, 8, "label");
      in.requireEnd(8 + (long) count, declared);
      return labels;
    }
  }

  private static long checkedProduct(Path file, String declared, long a, long b) {
    try {
      return LongMath.checkedMultiply(a, b);
    } catch (ArithmeticException e) {
      throw new DataFormatException(file, "the header declares " + declared + ", a size that overflows 64 bits;"
          + " the header is damaged");
    }
  }

  /** Refuses a load the free heap cannot hold, before allocating it (never an OutOfMemoryError). */
  private static void checkHeap(Path file, String declared, long bytes) {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > free) {
      throw new DataFormatException(file, String.format(Locale.ROOT, "the header declares %s, which needs about"
          + " %,d MB of heap, more than the %,d MB free; refused before reading (run java with a larger -Xmx)",
          declared, bytes >> 20, free >> 20));
    }
  }

  static String hex(int value) {
    return String.format(Locale.ROOT, "0x%08X", value);
  }

  /** The file's bytes after decompression, with the position for messages. */
  private static final class Reader implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    private final boolean gzip;
    private final long fileSize;
    /** The gzip trailer's ISIZE: the uncompressed length modulo 2^32; -1 for a plain file. */
    private final long trailerSize;
    private final byte[] word = new byte[4];
    private long position;

    private Reader(Path file, InputStream in, boolean gzip, long fileSize, long trailerSize) {
      this.file = file;
      this.in = in;
      this.gzip = gzip;
      this.fileSize = fileSize;
      this.trailerSize = trailerSize;
    }

    static Reader open(Path file) {
      if (!Files.isRegularFile(file)) {
        throw new DataFormatException(file, Files.isDirectory(file) ? "is a directory, expected an IDX file"
            : "no such file");
      }
      long size;
      boolean gzip;
      long trailer = -1;
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
        size = raf.length();
        if (size == 0) {
          throw new DataFormatException(file, "the file is empty (0 bytes), expected an IDX file (magic "
              + hex(IMAGES_MAGIC) + " or " + hex(LABELS_MAGIC) + ")");
        }
        gzip = size >= 2 && raf.read() == 0x1f && raf.read() == 0x8b;
        if (gzip && size >= 18) {
          // ISIZE, the last 4 bytes, little-endian: what the file unpacks to, modulo 2^32.
          raf.seek(size - 4);
          trailer = (raf.read() & 0xFFL) | (raf.read() & 0xFFL) << 8 | (raf.read() & 0xFFL) << 16
              | (raf.read() & 0xFFL) << 24;
        }
      } catch (IOException e) {
        throw new DataFormatException(file, "cannot read the file (" + describe(e) + ")", e);
      }
      InputStream in = null;
      try {
        in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        if (gzip) {
          in = new GZIPInputStream(in, BUFFER);
        }
        return new Reader(file, in, gzip, size, trailer);
      } catch (IOException e) {
        closeQuietly(in);
        throw new DataFormatException(file, (gzip ? "not a readable gzip file" : "cannot read the file") + " ("
            + describe(e) + ")", e);
      }
    }

    /** Reads and checks the magic number: 0, 0, the type code, the number of dimensions. */
    void magic(int expected, int dimensions, String kind) {
      int magic = readInt("the magic number");
      if (magic == expected) {
        return;
      }
      String found = "starts with " + hex(magic) + (gzip ? " (after gunzip)" : "") + ", expected the IDX magic number "
          + hex(expected) + " of " + kind;
      if ((magic >>> 16) != 0) {
        throw new DataFormatException(file, found + "; it is not an IDX file");
      }
      int type = (magic >>> 8) & 0xFF;
      if (type != UNSIGNED_BYTE) {
        throw new DataFormatException(file, found + "; its type code " + String.format(Locale.ROOT, "0x%02X", type)
            + " is not unsigned bytes (0x08), the only type jdnn reads");
      }
      int rank = magic & 0xFF;
      String what = rank == 3 ? "an images file" : rank == 1 ? "a labels file" : "an IDX file of " + rank + " dimensions";
      throw new DataFormatException(file, found + "; it is " + what + ", expected " + dimensions + " dimension"
          + (dimensions == 1 ? "" : "s"));
    }

    int dimension(String what) {
      long at = position;
      int value = readInt("the " + what);
      if (value < 1) {
        throw new DataFormatException(file, "the header declares " + (value & 0xFFFFFFFFL) + " as the " + what
            + " (bytes " + at + " to " + (at + 3) + "), expected a positive number below 2^31");
      }
      return value;
    }

    /** The file's length must be what the header declares: exact for a plain file, modulo 2^32 for gzip. */
    void checkLength(long header, long values, String declared) {
      long expected = header + values;
      if (!gzip) {
        if (fileSize < expected) {
          throw new DataFormatException(file, String.format(Locale.ROOT, "is truncated or its header is wrong: the"
              + " header declares %s (%,d bytes with the %d-byte header) but the file has %,d bytes", declared,
              expected, header, fileSize));
        }
        if (fileSize > expected) {
          throw new DataFormatException(file, String.format(Locale.ROOT, "has %,d bytes but its header declares %s"
              + " (%,d bytes with the %d-byte header); the count is wrong or the file holds something else",
              fileSize, declared, expected, header));
        }
      } else if (trailerSize >= 0 && (expected & 0xFFFFFFFFL) != trailerSize) {
        throw new DataFormatException(file, String.format(Locale.ROOT, "is truncated or its header is wrong: the"
            + " header declares %s (%,d bytes with the %d-byte header) but the gzip trailer says the data unpacks to"
            + " %,d bytes%s", declared, expected, header, trailerSize, expected > 0xFFFFFFFFL ? " (modulo 2^32)" : ""));
      }
    }

    /** Reads {@code count} images of {@code features} bytes into {@code data}, features x count. */
    void readImages(byte[] data, int count, int features) {
      int block = Math.max(1, Math.min(count, BUFFER / features));
      byte[] buffer = new byte[block * features];
      for (int first = 0; first < count; first += block) {
        int n = Math.min(block, count - first);
        readFully(buffer, 0, n * features, 16 + (long) first * features, "image " + first);
        // Image j's pixel f goes to row f, column j: each feature's n columns are contiguous.
        for (int f = 0; f < features; f++) {
          int row = f * count + first;
          for (int j = 0; j < n; j++) {
            data[row + j] = buffer[j * features + f];
          }
        }
      }
    }

    void readFully(byte[] target, int offset, int length, long at, String what) {
      int done = 0;
      try {
        while (done < length) {
          int r = in.read(target, offset + done, length - done);
          if (r < 0) {
            throw new EOFException();
          }
          done += r;
        }
      } catch (EOFException e) {
        throw new DataFormatException(file, String.format(Locale.ROOT, "is truncated: the data ends after %,d bytes%s,"
            + " in %s (reading bytes %,d to %,d)", at + done, gzip ? " (unpacked)" : "", what, at, at + length - 1), e);
      } catch (IOException e) {
        throw new DataFormatException(file, String.format(Locale.ROOT, "is corrupt: reading %s at byte %,d%s failed (%s)",
            what, at + done, gzip ? " (unpacked)" : "", describe(e)), e);
      }
      position = at + length;
    }

    private int readInt(String what) {
      readFully(word, 0, 4, position, what);
      return (word[0] & 0xFF) << 24 | (word[1] & 0xFF) << 16 | (word[2] & 0xFF) << 8 | (word[3] & 0xFF);
    }

    /**
     * Nothing may follow the declared values; for gzip, reading to the end also makes the stream
     * check its CRC-32, which catches a flipped bit in the pixels.
     */
    void requireEnd(long expected, String declared) {
      try {
        if (in.read() >= 0) {
          throw new DataFormatException(file, String.format(Locale.ROOT, "has more data after the %s its header"
              + " declares (%,d bytes%s); the count is wrong or the file holds something else", declared, expected,
              gzip ? " unpacked" : ""));
        }
      } catch (ZipException e) {
        throw new DataFormatException(file, "is corrupt: its gzip check failed after the " + declared + " ("
            + describe(e) + ")", e);
      } catch (IOException e) {
        throw new DataFormatException(file, "is corrupt after the " + declared + " (" + describe(e) + ")", e);
      }
    }

    @Override
    public void close() {
      closeQuietly(in);
    }
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // Reading is over and succeeded or already failed with a better message.
      }
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
