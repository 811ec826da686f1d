package io.jdnn.data;

import io.jdnn.core.Matrix;
import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.FixedPoint;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Labelled images read from an HDF5 file a slice at a time, for data larger than the heap: only
 * the labels (m numbers) are held; each {@link #read} takes examples {@code [from, to)} from disk
 * with jhdf's {@code Dataset.getData(offset, shape)} and prepares them as {@link LabeledImages}
 * does ({@code features x batch}, pixels flattened row, column, channel, divided by 255).
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
 *     Hdf5Batches.Batch b = data.read(from, Math.min(from + 256, data.count()));
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

  /** A slice of examples: inputs {@code features x b} and labels {@code 1 x b}. */
  public record Batch(Matrix x, Matrix y) {}

  private Hdf5Batches(Hdf5File file, String imagesName, Dataset images, Matrix labels, int[] shape) {
    this.file = file;
    this.imagesName = imagesName;
    this.images = images;
    this.labels = labels;
    this.shape = shape;
    this.features = shape[1] * shape[2] * shape[3];
  }

  /** Opens {@code path} and checks everything but the pixels. */
  public static Hdf5Batches open(Path path, String imagesName, String labelsName) {
    Hdf5File file = Hdf5File.open(path);
    try {
      Dataset images = file.dataset(imagesName);
      int[] shape;
      try {
        shape = images.getDimensions().clone();
        // uint64 comes back from jhdf as BigInteger objects: no image format stores pixels so.
        if (!(images.getDataType() instanceof FixedPoint fp) || (fp.getSize() > 4 && !fp.isSigned())) {
          throw new DataFormatException(path, "dataset '" + imagesName + "' holds "
              + Hdf5File.typeName(images.getDataType()) + ", expected integer pixel values (uint8)");
        }
      } catch (DataFormatException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new DataFormatException(path, "cannot read dataset '" + imagesName + "' (" + Hdf5File.describe(e) + ")",
            e);
      }
      if (shape.length != 4) {
        throw new DataFormatException(path, "dataset '" + imagesName + "' has shape " + Arrays.toString(shape)
            + " (rank " + shape.length + "), expected rank 4 (examples x height x width x channels)");
      }
      file.checkStorage(images, imagesName, shape);
      Matrix labels = LabeledImages.labels(file, labelsName, shape[0]);
      return new Hdf5Batches(file, imagesName, images, labels, shape);
    } catch (RuntimeException e) {
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
    Object slice;
    try {
      slice = images.getData(new long[] {from, 0, 0, 0}, new int[] {b, shape[1], shape[2], shape[3]});
    } catch (RuntimeException e) {
      throw new DataFormatException(file.path(), "cannot read examples [" + from + ", " + to + ") of dataset '"
          + imagesName + "' (" + Hdf5File.describe(e) + ")", e);
    }
    double[] xd = x.data();
    for (int j = 0; j < b; j++) {
      int[] f = {0};
      int example = from + j;
      int column = j;
      flatten(Array.get(slice, j), value -> {
        if (value < 0 || value > 255) {
          throw new DataFormatException(file.path(), "dataset '" + imagesName + "' holds pixel value " + value
              + " in example " + example + ", expected 0 to 255");
        }
        xd[f[0]++ * b + column] = value / 255.0;
      });
    }
    System.arraycopy(labels.data(), from, y.data(), 0, b);
  }

  private interface LongSink {
    void accept(long value);
  }

  /** Visits the integers of a nested primitive array (one example) in row-major order. */
  private static void flatten(Object array, LongSink sink) {
    if (array instanceof int[] a) {
      for (int v : a) {
        sink.accept(v);
      }
    } else if (array instanceof byte[] a) {
      for (byte v : a) {
        sink.accept(v);
      }
    } else if (array instanceof short[] a) {
      for (short v : a) {
        sink.accept(v);
      }
    } else if (array instanceof long[] a) {
      for (long v : a) {
        sink.accept(v);
      }
    } else if (array instanceof Object[] a) {
      for (Object inner : a) {
        flatten(inner, sink);
      }
    } else {
      throw new IllegalStateException("unexpected pixel array " + (array == null ? "null" : array.getClass()));
    }
  }

  private void checkRange(int from, int to) {
    if (from < 0 || to > count() || from >= to) {
      throw new IllegalArgumentException(file.path() + ": examples [" + from + ", " + to + ") are not a non-empty range"
          + " inside the " + count() + " of dataset '" + imagesName + "'");
    }
  }

  @Override
  public void close() {
    file.close();
  }

  @Override
  public String toString() {
    return "Hdf5Batches(" + file.path() + ", " + imagesName + " " + Arrays.toString(shape) + ")";
  }
}
