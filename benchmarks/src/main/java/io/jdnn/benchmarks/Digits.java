package io.jdnn.benchmarks;

import io.jdnn.core.math.Matrix;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The data of issue 20's two networks, for the benchmarks: the MNIST-format digits (IDX files,
 * gzip-compressed) as {@code 784 x m} pixels in [0, 1] and {@code 10 x m} one-hot labels, and a
 * generated tabular set of 30 features with a 0/1 label. A tiny private IDX reader: the benchmarks
 * need only the well-formed files the project ships, and depend on no loader of another module.
 *
 * <pre>{@code
 * Digits.Data d = Digits.load(Path.of("datasets/digits"));
 * }</pre>
 */
final class Digits {
  private Digits() {}

  /** Examples as columns: {@code x} is features x m, {@code y} outputs x m. */
  record Data(Matrix x, Matrix y) {}

  /** The training digits of {@code folder}: pixels / 255 and one-hot labels. */
  static Data load(Path folder) {
    byte[][] images = readIdx(folder.resolve("train-images-idx3-ubyte.gz"), 3);
    byte[][] labels = readIdx(folder.resolve("train-labels-idx1-ubyte.gz"), 1);
    int m = images.length;
    int features = images[0].length;
    if (labels.length != m) {
      throw new IllegalArgumentException(folder + ": " + m + " images but " + labels.length + " labels");
    }
    Matrix x = Matrix.zeros(features, m);
    Matrix y = Matrix.zeros(10, m);
    double[] xd = x.data();
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < features; i++) {
        xd[i * m + j] = (images[j][i] & 0xFF) / 255.0;
      }
      y.set(labels[j][0] & 0xFF, j, 1.0);
    }
    return new Data(x, y);
  }

  /** {@code m} examples of 30 standard-normal features, labelled by the sign of a fixed linear score. */
  static Data tabular(int m, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int features = 30;
    Matrix x = Matrix.zeros(features, m);
    Matrix y = Matrix.zeros(1, m);
    for (int j = 0; j < m; j++) {
      double score = 0;
      for (int i = 0; i < features; i++) {
        double v = rng.nextGaussian();
        x.set(i, j, v);
        score += (i % 3 - 1) * v;
      }
      y.set(0, j, score > 0 ? 1.0 : 0.0);
    }
    return new Data(x, y);
  }

  /** The items of an IDX file of {@code dims} dimensions, each item's bytes in one array. */
  private static byte[][] readIdx(Path file, int dims) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      int magic = in.readInt();
      if (magic != (0x0800 | dims)) {
        throw new IllegalArgumentException(file + ": magic 0x" + Integer.toHexString(magic) + ", expected 0x"
            + Integer.toHexString(0x0800 | dims));
      }
      int count = in.readInt();
      int size = 1;
      for (int d = 1; d < dims; d++) {
        size *= in.readInt();
      }
      byte[][] items = new byte[count][size];
      for (byte[] item : items) {
        in.readFully(item);
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
