package io.jdnn.data.images;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.training.dataset.Batch;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.io.DataFormatException;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Labelled images read from an HDF5 file a slice at a time, for data larger than the heap: only
 * the labels (m numbers) are held; each {@link #read} takes examples {@code [from, to)} from disk
 * and prepares them as {@link LabeledImages} does ({@code features x batch}, pixels flattened row,
 * column, channel, divided by 255).
 *
 * <p><b>How slices are read.</b> A contiguous dataset (what h5py and {@link ImageSetWriter} write
 * by default) stores examples one after another, so examples {@code [from, to)} are one byte range:
 * it is read with one positioned read of a {@link FileChannel}, at the address jhdf reports. Other
 * layouts (chunked, compressed) are read a chunk at a time, each chunk checked against
 * decompression bombs first. The direct read exists because jhdf's slice reader makes one small
 * read per innermost row (3 bytes for an RGB pixel): 2,000 64x64x3 examples took 44 s that way,
 * against well under a second; and for chunks, that reader returns zeros for all but the first.
 *
 * <p>The images dataset must be {@code m x height x width x channels} of an integer type with
 * values 0 to 255; the labels m numbers, each 0 or 1. Shape, type, storage (against the file's
 * length) and labels are checked when the file is opened; the pixels of each slice when it is
 * read. Anything wrong is a {@link DataFormatException} naming the file, the dataset and the
 * problem.
 *
 * <pre>{@code
 * try (Hdf5Batches data = Hdf5Batches.open(path, "train_set_x", "train_set_y")) {
 *   for (int from = 0; from < data.count(); from += 256) {
 *     Batch b = data.read(from, Math.min(from + 256, data.count()));
 *   }
 * }
 * }</pre>
 */
public final class Hdf5Batches implements AutoCloseable {
  private final Hdf5File file;
  private final String imagesName;
  private final Dataset images;
  private final Matrix labels;
  private final int[] shape;
  private final int features;
  /** For contiguous storage: the channel, the absolute address of example 0, the element type. */
  private final FileChannel channel;
  private final long dataStart;
  private final FixedPoint type;
  private ByteBuffer raw;
  /** For compact storage: all values, read at the first slice. */
  private double[] compact;

  private Hdf5Batches(Hdf5File file, String imagesName, Dataset images, Matrix labels, int[] shape) {
    this.file = file;
    this.imagesName = imagesName;
    this.images = images;
    this.labels = labels;
    this.shape = shape;
    this.features = shape[1] * shape[2] * shape[3];
    this.type = (FixedPoint) images.getDataType();
    if (images instanceof ContiguousDataset contiguous) {
      this.dataStart = file.userBlockSize() + contiguous.getDataAddress();
      try {
        this.channel = FileChannel.open(file.path(), StandardOpenOption.READ);
      } catch (IOException e) {
        throw new DataFormatException(file.path(), "cannot open for reading (" + Hdf5File.describe(e) + ")", e);
      }
    } else {
      this.dataStart = -1;
      this.channel = null;
    }
  }

  /** Opens {@code path} and checks everything but the pixels. */
  public static Hdf5Batches open(Path path, String imagesName, String labelsName) {
    Hdf5File file = Hdf5File.open(path);
    try {
      Dataset images = file.dataset(imagesName);
      int[] shape = file.dimensions(images, imagesName).clone();
      DataType type = file.dataType(images, imagesName);
      // uint64 comes back from jhdf as BigInteger objects: no image format stores pixels so.
      if (!(type instanceof FixedPoint fp) || (fp.getSize() > 4 && !fp.isSigned())) {
        throw new DataFormatException(path, "dataset '" + imagesName + "' holds " + Hdf5File.typeName(type)
            + ", expected integer pixel values (uint8)");
      }
      if (shape.length != 4) {
        throw new DataFormatException(path, "dataset '" + imagesName + "' has shape " + Arrays.toString(shape)
            + " (rank " + shape.length + "), expected rank 4 (examples x height x width x channels)");
      }
      file.checkStorage(images, imagesName, shape);
      Matrix labels = LabeledImages.labels(file, labelsName, shape[0]);
      return new Hdf5Batches(file, imagesName, images, labels, shape);
    } catch (RuntimeException e) {
      // Not a translation: whatever went wrong goes on as it is, after the file is closed.
      file.close();
      throw e;
    }
  }

  /** The number of examples, m. */
  public int count() {
    return shape[0];
  }

  /** Values per example, {@code height * width * channels}. */
  public int features() {
    return features;
  }

  /** The image shape {@code [height, width, channels]}. */
  public int[] imageShape() {
    return Arrays.copyOfRange(shape, 1, 4);
  }

  /** All m labels, {@code 1 x m} (a copy). */
  public Matrix labels() {
    return labels.copy();
  }

  /** Examples {@code [from, to)}, read from disk into new matrices. */
  public Batch read(int from, int to) {
    checkRange(from, to);
    Batch batch = new Batch(Matrix.zeros(features, to - from), Matrix.zeros(1, to - from));
    read(from, to, batch.x(), batch.y());
    return batch;
  }

  /**
   * Examples {@code [from, to)} into {@code x} ({@code features x (to - from)}) and {@code y}
   * ({@code 1 x (to - from)}), so a training loop can reuse two buffers for every batch.
   */
  public void read(int from, int to, Matrix x, Matrix y) {
    checkRange(from, to);
    int b = to - from;
    if (x.rows() != features || x.cols() != b || y.rows() != 1 || y.cols() != b) {
      throw new IllegalArgumentException(file.path() + ": buffers are " + x.shape() + " and " + y.shape()
          + ", expected " + features + "x" + b + " and 1x" + b + " for examples [" + from + ", " + to + ")");
    }
    if (channel != null) {
      readContiguous(from, to, x);
    } else {
      if (images instanceof ChunkedDataset chunked) {
        readChunked(chunked, from, to, x);
      } else {
        readCompact(from, to, x);
      }
    }
    System.arraycopy(labels.data(), from, y.data(), 0, b);
  }

  private void readContiguous(int from, int to, Matrix x) {
    int b = to - from;
    int size = type.getSize();
    long bytes = (long) b * features * size;
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(file.path() + ": examples [" + from + ", " + to + ") are " + bytes
          + " bytes, more than one read can take; use smaller batches");
    }
    if (raw == null || raw.capacity() < bytes) {
      raw = ByteBuffer.allocate((int) bytes);
    }
    raw.clear().limit((int) bytes);
    raw.order(type.getByteOrder());
    try {
      long position = dataStart + (long) from * features * size;
      while (raw.hasRemaining()) {
        if (channel.read(raw, position + raw.position()) < 0) {
          throw new DataFormatException(file.path(), "dataset '" + imagesName + "' ends early: examples [" + from
              + ", " + to + ") run past the end of the file");
        }
      }
    } catch (IOException e) {
      throw new DataFormatException(file.path(), "cannot read examples [" + from + ", " + to + ") of dataset '"
          + imagesName + "' (" + Hdf5File.describe(e) + ")", e);
    }
    raw.flip();
    double[] xd = x.data();
    if (size == 1 && !type.isSigned()) {
      readUint8(raw.array(), from, b, xd);
      return;
    }
    boolean signed = type.isSigned();
    for (int j = 0; j < b; j++) {
      for (int f = 0; f < features; f++) {
        long v;
        switch (size) {
          case 1 -> v = signed ? raw.get() : Byte.toUnsignedInt(raw.get());
          case 2 -> v = signed ? raw.getShort() : Short.toUnsignedInt(raw.getShort());
          case 4 -> v = signed ? raw.getInt() : Integer.toUnsignedLong(raw.getInt());
          default -> v = raw.getLong();
        }
        if (v < 0 || v > 255) {
          throw badPixel(v, from + j);
        }
        xd[f * b + j] = v / 255.0;
      }
    }
  }

  /** The common case, uint8, without a per-value switch: every value is in range by its type. */
  private void readUint8(byte[] bytes, int from, int b, double[] xd) {
    for (int j = 0; j < b; j++) {
      int base = j * features;
      for (int f = 0; f < features; f++) {
        xd[f * b + j] = (bytes[base + f] & 0xff) / 255.0;
      }
    }
  }

  private DataFormatException badPixel(long value, int example) {
    return new DataFormatException(file.path(), "dataset '" + imagesName + "' holds pixel value " + value
        + " in example " + example + ", expected 0 to 255");
  }

  /**
   * Chunked storage: each chunk the slice touches is checked ({@link Hdf5File#checkChunks}: no
   * decompression bomb), decoded by jhdf alone, and its part of the slice copied. jhdf's own slice
   * reader is not used: in jhdf 0.10.0 it looks chunks up by their index instead of their offset,
   * so every chunk but the first reads as zeros, silently.
   */
  private void readChunked(ChunkedDataset chunked, int from, int to, Matrix x) {
    int b = to - from;
    file.checkChunks(chunked, imagesName, shape, new long[] {from, 0, 0, 0},
        new int[] {b, shape[1], shape[2], shape[3]});
    int[] chunk = chunked.getChunkDimensions();
    int size = type.getSize();
    boolean signed = type.isSigned();
    double[] xd = x.data();
    for (int c0 = from / chunk[0] * chunk[0]; c0 < to; c0 += chunk[0]) {
      for (int c1 = 0; c1 < shape[1]; c1 += chunk[1]) {
        for (int c2 = 0; c2 < shape[2]; c2 += chunk[2]) {
          for (int c3 = 0; c3 < shape[3]; c3 += chunk[3]) {
            ByteBuffer data = decompressed(chunked, new int[] {c0, c1, c2, c3});
            for (int e = Math.max(c0, from); e < Math.min(c0 + chunk[0], to); e++) {
              for (int i1 = c1; i1 < Math.min(c1 + chunk[1], shape[1]); i1++) {
                for (int i2 = c2; i2 < Math.min(c2 + chunk[2], shape[2]); i2++) {
                  for (int i3 = c3; i3 < Math.min(c3 + chunk[3], shape[3]); i3++) {
                    int inChunk = (((e - c0) * chunk[1] + (i1 - c1)) * chunk[2] + (i2 - c2)) * chunk[3] + (i3 - c3);
                    long v = data == null ? 0 : value(data, inChunk * size, size, signed);
                    if (v < 0 || v > 255) {
                      throw badPixel(v, e);
                    }
                    xd[((i1 * shape[2] + i2) * shape[3] + i3) * b + (e - from)] = v / 255.0;
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /** Compact storage (at most 64 KB, inside the header): read whole once, then sliced. */
  private void readCompact(int from, int to, Matrix x) {
    if (compact == null) {
      compact = file.numeric(imagesName).values();
    }
    int b = to - from;
    double[] xd = x.data();
    for (int j = 0; j < b; j++) {
      for (int f = 0; f < features; f++) {
        double v = compact[(from + j) * features + f];
        if (v < 0 || v > 255) {
          throw badPixel((long) v, from + j);
        }
        xd[f * b + j] = v / 255.0;
      }
    }
  }

  /** The decoded chunk at element offset {@code offset}, or null for one never written (its fill value, 0). */
  private ByteBuffer decompressed(ChunkedDataset chunked, int[] offset) {
    try {
      return ByteBuffer.wrap(chunked.getDecompressedChunk(offset)).order(type.getByteOrder());
    } catch (HdfException e) {
      if (String.valueOf(e.getMessage()).startsWith("No chunk with offset")) {
        return null;
      }
      throw new DataFormatException(file.path(), "cannot read the chunk at " + Arrays.toString(offset)
          + " of dataset '" + imagesName + "'; the file is damaged (" + Hdf5File.describe(e) + ")", e);
    }
  }

  private static long value(ByteBuffer data, int at, int size, boolean signed) {
    return switch (size) {
      case 1 -> signed ? data.get(at) : Byte.toUnsignedInt(data.get(at));
      case 2 -> signed ? data.getShort(at) : Short.toUnsignedInt(data.getShort(at));
      case 4 -> signed ? data.getInt(at) : Integer.toUnsignedLong(data.getInt(at));
      default -> data.getLong(at);
    };
  }

  private void checkRange(int from, int to) {
    if (from < 0 || to > count() || from >= to) {
      throw new IllegalArgumentException(file.path() + ": examples [" + from + ", " + to + ") are not a non-empty range"
          + " inside the " + count() + " of dataset '" + imagesName + "'");
    }
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      throw new DataFormatException(file.path(), "cannot close (" + Hdf5File.describe(e) + ")", e);
    } finally {
      file.close();
    }
  }

  @Override
  public String toString() {
    return "Hdf5Batches(" + file.path() + ", " + imagesName + " " + Arrays.toString(shape) + ")";
  }
}
