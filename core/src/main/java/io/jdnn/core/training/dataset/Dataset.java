package io.jdnn.core.training.dataset;

import io.jdnn.core.math.Matrix;
import io.jdnn.core.math.NumpyRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Examples and their labels held in memory, examples in columns: {@code x} is
 * {@code features x m}, {@code y} is {@code outputs x m}.
 *
 * <pre>{@code
 * Dataset all = new Dataset(x, y);
 * Dataset.Split parts = all.split(0.2, 1);  // seeded: 20% of the columns for validation
 * }</pre>
 */
public record Dataset(Matrix x, Matrix y) {

  /** Checks that x and y hold the same number of examples. */
  public Dataset {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    Checks.sameExampleCount(x, y);
  }

  /** Training and validation parts of one dataset. */
  public record Split(Dataset train, Dataset validation) {}

  /** The number of examples, m. */
  public int count() {
    return x.cols();
  }

  /** The examples at these column indices, in this order, copied. */
  public Dataset select(int[] columns) {
    return new Dataset(gather(x, columns), gather(y, columns));
  }

  /**
   * A seeded split: {@code round(fraction * m)} examples (at least 1, at most m - 1) drawn by
   * {@code NumpyRandom(seed).permutation(m)} go to validation, the rest to training; each part
   * keeps the original order of its examples.
   *
   * @throws IllegalArgumentException when {@code fraction} is not strictly between 0 and 1 or
   *     there are fewer than 2 examples
   */
  public Split split(double fraction, long seed) {
    Checks.validationFraction(fraction);
    int m = count();
    if (m < 2) {
      throw new IllegalArgumentException("cannot split " + m + " example(s) into training and validation");
    }
    int k = (int) Math.min(m - 1, Math.max(1, Math.round(fraction * m)));
    int[] p = new NumpyRandom(seed).permutation(m);
    int[] validation = Arrays.copyOfRange(p, 0, k);
    int[] train = Arrays.copyOfRange(p, k, m);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new Split(select(train), select(validation));
  }

  /** Copies the given columns of {@code source} into {@code target} (same rows, one column each). */
  static void gather(Matrix source, int[] columns, int from, Matrix target) {
    double[] s = source.data();
    double[] t = target.data();
    int m = source.cols();
    int b = target.cols();
    for (int i = 0; i < source.rows(); i++) {
      int so = i * m;
      int to = i * b;
      for (int j = 0; j < b; j++) {
        t[to + j] = s[so + columns[from + j]];
      }
    }
  }

  private static Matrix gather(Matrix source, int[] columns) {
    for (int c : columns) {
      if (c < 0 || c >= source.cols()) {
        throw new IndexOutOfBoundsException("column " + c + " of a " + source.shape() + " matrix");
      }
    }
    Matrix target = Matrix.zeros(source.rows(), columns.length);
    gather(source, columns, 0, target);
    return target;
  }
}
