package io.jdnn.benchmarks;

import io.jdnn.core.math.Matrix;
import io.jdnn.data.idx.IdxDataset;
import io.jdnn.data.images.LabeledImages;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The data of issue 20's two networks, for the benchmarks: the MNIST-format digits (IDX files,
 * gzip-compressed) as {@code 784 x m} pixels in [0, 1] and {@code 10 x m} one-hot labels, and a
 * generated tabular set of 30 features with a 0/1 label.
 *
 * <pre>{@code
 * Digits.Data d = Digits.load(Path.of("datasets/digits"));
 * }</pre>
 */
final class Digits {
  private Digits() {}

  /** Examples as columns: {@code x} is features x m, {@code y} outputs x m. */
  record Data(Matrix x, Matrix y) {}

  /**
   * The training digits of {@code folder}, read by jdnn-data's IDX reader as a user's program reads
   * them: pixels / 255, byte-backed ({@link Matrix#ofUnsignedBytes}), and one-hot labels.
   */
  static Data load(Path folder) {
    LabeledImages train = IdxDataset.load(folder).train();
    return new Data(train.x(), train.y());
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
}
