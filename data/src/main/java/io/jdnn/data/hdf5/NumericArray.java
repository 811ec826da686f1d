package io.jdnn.data.hdf5;

import io.jdnn.data.io.DataFormatException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An n-dimensional numeric dataset read from a file: its shape and its values as {@code double}s,
 * flattened in row-major (C) order, as HDF5 and NumPy store them. {@code type} names the stored
 * element type, e.g. {@code uint8} or {@code float64}.
 *
 * <pre>{@code
 * NumericArray x = file.numeric("train_set_x");   // shape [209, 64, 64, 3], type uint8
 * double first = x.values()[0];
 * }</pre>
 */
public record NumericArray(Path file, String dataset, int[] shape, String type, double[] values) {

  /** The number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Where this array came from, for messages: {@code file, dataset 'name'}. */
  public String origin() {
    return file + ", dataset '" + dataset + "'";
  }

  /** The shape as text, e.g. {@code [209, 64, 64, 3]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }

  /** Throws a {@link DataFormatException} unless the rank is {@code expected}. */
  public NumericArray requireRank(int expected, String meaning) {
    if (rank() != expected) {
      throw new DataFormatException(file, "dataset '" + dataset + "' has shape " + shapeText() + " (rank " + rank()
          + "), expected rank " + expected + " (" + meaning + ")");
    }
    return this;
  }

  /** Throws a {@link DataFormatException} naming the first value that is NaN or infinite. */
  public NumericArray requireFinite() {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new DataFormatException(file, "dataset '" + dataset + "' holds " + values[i] + " at flat index " + i
            + ", expected finite numbers");
      }
    }
    return this;
  }
}
