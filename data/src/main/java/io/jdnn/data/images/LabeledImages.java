package io.jdnn.data.images;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.hdf5.Hdf5File;
import io.jdnn.data.hdf5.NumericArray;
import io.jdnn.data.io.DataFormatException;
import java.nio.file.Path;

/**
 * Images and their 0/1 labels from one HDF5 file, as the course prepares them:
 * {@code X = x.reshape(m, -1).T / 255} ({@code height*width*channels x m}, pixels flattened row,
 * column, channel) and {@code Y = y.reshape(1, m)}.
 *
 * <p>The image dataset must be {@code m x height x width x channels} of an integer type with values
 * in [0, 255]; the label dataset must hold m numbers, each 0 or 1. Anything else is a
 * {@link DataFormatException} naming the file, the dataset, what was found and what was expected.
 * X is {@link Matrix#ofUnsignedBytes byte-backed}: the pixels are kept beside the doubles, for
 * kernels to read.
 *
 * <pre>{@code
 * LabeledImages train = LabeledImages.read(Path.of("train_catvnoncat.h5"), "train_set_x", "train_set_y");
 * Matrix x = train.x(); // 12288 x 209
 * }</pre>
 */
public record LabeledImages(Matrix x, Matrix y, int height, int width, int channels) {

  /** The number of examples, m. */
  public int count() {
    return x.cols();
  }

  /** Reads {@code imagesName} and {@code labelsName} from {@code file}. */
  public static LabeledImages read(Path file, String imagesName, String labelsName) {
    try (Hdf5File h5 = Hdf5File.open(file)) {
      return read(h5, imagesName, labelsName);
    }
  }

  /** Reads {@code imagesName} and {@code labelsName} from an open file. */
  public static LabeledImages read(Hdf5File h5, String imagesName, String labelsName) {
    Path file = h5.path();
    NumericArray images = h5.numeric(imagesName).requireRank(4, "examples x height x width x channels");
    if (!images.type().startsWith("int") && !images.type().startsWith("uint")) {
      throw new DataFormatException(file, "dataset '" + imagesName + "' holds " + images.type()
          + ", expected integer pixel values (uint8)");
    }
    int m = images.shape()[0];
    int features = images.shape()[1] * images.shape()[2] * images.shape()[3];
    double[] pixels = images.values();
    byte[] xBytes = new byte[Math.multiplyExact(features, m)];
    for (int j = 0; j < m; j++) {
      for (int f = 0; f < features; f++) {
        double v = pixels[j * features + f];
        if (v < 0 || v > 255) {
          throw new DataFormatException(file, "dataset '" + imagesName + "' holds pixel value " + v + " in example " + j
              + ", expected 0 to 255");
        }
        xBytes[f * m + j] = (byte) v;
      }
    }
    // Kept as bytes too: a kernel reads X (the first layer's input, twice per iteration) at one byte
    // per pixel instead of eight, and decodes the same doubles.
    Matrix x = Matrix.ofUnsignedBytes(features, m, xBytes, 255.0);
    return new LabeledImages(x, labels(h5, labelsName, m), images.shape()[1], images.shape()[2], images.shape()[3]);
  }

  /** Reads and checks dataset {@code name} as m labels, each 0 or 1, into a {@code 1 x m} matrix. */
  static Matrix labels(Hdf5File h5, String name, int m) {
    NumericArray y = h5.numeric(name);
    long length = 1;
    for (int d : y.shape()) {
      length *= d;
    }
    boolean vectorShape = y.rank() == 1 || (y.rank() == 2 && (y.shape()[0] == 1 || y.shape()[1] == 1));
    if (!vectorShape || length != m) {
      throw new DataFormatException(h5.path(), "dataset '" + name + "' has shape " + y.shapeText() + ", expected " + m
          + " labels (one per image), shape [" + m + "]");
    }
    double[] v = y.values();
    for (int j = 0; j < m; j++) {
      if (v[j] != 0.0 && v[j] != 1.0) {
        throw new DataFormatException(h5.path(), "dataset '" + name + "' holds label " + v[j] + " at example " + j
            + ", expected 0 or 1");
      }
    }
    return Matrix.of(1, m, v.clone());
  }
}
